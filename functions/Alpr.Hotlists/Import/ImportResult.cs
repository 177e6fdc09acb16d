using Alpr.Core.Hotlists;

namespace Alpr.Hotlists.Import;

/// <summary>A bad row: its 1-based line number in the file and what is wrong with it.</summary>
public sealed record ImportError(int Line, string Message);

/// <summary>
/// What an import produced. When <see cref="Refused"/> the file is rejected as a whole and the list stays as
/// it was; otherwise <see cref="Entries"/> replace the list and the bad rows were skipped.
/// </summary>
public sealed record ImportResult(IReadOnlyList<HotlistEntry> Entries, IReadOnlyList<ImportError> Errors, int Rows, string? RefusedBecause)
{
    public bool Refused => RefusedBecause is not null;
}
