using Herald.Web;

var app = PortalApp.Build(args, PortalOptions.FromConfiguration(args));
await app.RunAsync();

/// <summary>The portal's entry point (also the anchor for WebApplicationFactory tests).</summary>
public partial class Program;
