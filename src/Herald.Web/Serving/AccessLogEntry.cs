using System.Net;

namespace Herald.Web.Serving;

/// <summary>What the access log keeps of one request.</summary>
internal readonly record struct AccessLogEntry(DateTimeOffset Time, string Method, string Path, string? Query, int Status, long Started, long Ended, IPAddress? Remote);
