using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

/// <summary>
/// Counters in <see cref="ContentStateRow"/> that move on with every change of a kind of written content
/// (posts, advisories), in the writer's transaction: every portal instance compares them to notice a change.
/// </summary>
public static class ContentGeneration
{
    /// <summary>The counter of <paramref name="key"/> (0 before the first change).</summary>
    public static Task<long> ReadAsync(HeraldDbContext context, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.ContentState.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Moves the counter of <paramref name="key"/> on by one.</summary>
    public static async Task BumpAsync(HeraldDbContext context, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var updated = await context.ContentState.Where(s => s.Key == key).ExecuteUpdateAsync(s => s.SetProperty(r => r.Value, r => r.Value + 1), cancellationToken);
        if (updated == 0)
        {
            context.ContentState.Add(new ContentStateRow { Key = key, Value = 1 });
            await context.SaveChangesAsync(cancellationToken);
        }
    }
}
