using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Data;

/// <summary>
/// Settings kept as "a row when changed from the default": two people saving the first change of the same setting
/// at the same moment both insert its row, and the later insert fails on the key. The later change is then read
/// again over the earlier one and applied, as if it had been saved a moment later.
/// </summary>
public static class FirstInsertRace
{
    /// <summary>Runs <paramref name="apply"/> (which reads, changes and saves); when its save fails while a
    /// <typeparamref name="TRow"/> was being inserted, forgets what it tracked and runs it once more.</summary>
    public static async Task<T> SaveOverEarlierInsertAsync<TRow, T>(this ComplaintsDbContext db, Func<Task<T>> apply)
        where TRow : class
    {
        try
        {
            return await apply();
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries<TRow>().Any(e => e.State == EntityState.Added))
        {
            db.ChangeTracker.Clear();
            return await apply();
        }
    }
}
