namespace Herald.Advisories;

/// <summary>A patch file of a managed advisory (its bytes are read on their own: <see cref="AdvisoryStore.PatchAsync"/>).</summary>
/// <param name="FileName">The file name (<c>xsa500-4.19.patch</c>).</param>
/// <param name="Branch">The branch it applies to.</param>
/// <param name="Revision">The advisory version it came with.</param>
/// <param name="Sha256">The SHA-256 of the file, lower-case hex.</param>
/// <param name="Size">Its size in bytes.</param>
public sealed record AdvisoryPatch(string FileName, string Branch, int Revision, string Sha256, long Size);
