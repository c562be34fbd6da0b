namespace Herald.Publishing;

/// <summary>The local folders a release is assembled in before a store commits it.</summary>
internal static class StagingFolder
{
    /// <summary>
    /// A new, empty <c>.staging-&lt;name&gt;-&lt;random&gt;</c> folder in <paramref name="parent"/>, after
    /// removing the ones a crashed publish of <paramref name="name"/> left there.
    /// </summary>
    public static string Create(string parent, string name)
    {
        Directory.CreateDirectory(parent);
        foreach (var stale in Directory.EnumerateDirectories(parent, ".staging-" + name + "-*"))
        {
            Directory.Delete(stale, recursive: true);
        }

        var staging = Path.Combine(parent, ".staging-" + name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(staging);
        return staging;
    }
}
