using System.Runtime.ExceptionServices;

namespace Herald.History;

/// <summary>
/// Runs independent pieces of work (usually git processes) on several threads, and lets the first
/// failure through as itself, so that a <see cref="HeraldException"/> stays one.
/// </summary>
internal static class Concurrently
{
    /// <summary>Runs <paramref name="body"/> for 0 … <paramref name="count"/>-1 with at most <paramref name="parallelism"/> at once.</summary>
    public static void For(int count, int parallelism, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions.FirstOrDefault(x => x is HeraldException) ?? e.InnerExceptions[0]).Throw();
            throw;
        }
    }
}
