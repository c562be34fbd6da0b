namespace Herald.Publishing;

/// <summary>Opens the artifact store a project's configuration names.</summary>
public static class ArtifactStore
{
    /// <summary>
    /// The store of <paramref name="project"/>: <c>[downloads] store</c> (a folder, or an S3-compatible
    /// bucket with uploads staged under <c>DATA/staging</c>), else <c>DATA/artifacts</c>.
    /// </summary>
    public static IArtifactStore For(HeraldProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var downloads = project.Config.Downloads;
        return downloads.S3 is { } s3
            ? new S3ArtifactStore(s3, Path.Combine(project.DataDirectory, "staging"))
            : new LocalArtifactStore(downloads.StoreFolder ?? Path.Combine(project.DataDirectory, "artifacts"));
    }
}
