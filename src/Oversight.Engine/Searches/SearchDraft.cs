using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Oversight.Requests;
using Oversight.Text;

namespace Oversight.Searches;

/// <summary>
/// A search being read: fields as they arrive from JSON or a CSV row, every problem with where it
/// is, and the checks that make a valid <see cref="AlprSearch"/>.
/// </summary>
internal sealed class SearchDraft(Func<string, string> pathOf)
{
    private readonly List<InputProblem> problems = [];
    private string? id;
    private string? agency;
    private string? requester;
    private DateTimeOffset? searchedAt;
    private bool searchedAtSeen;
    private string? reason;
    private string? caseNumber;
    private string? offenseType;
    private string? plateHash;
    private string? searchType;
    private int? cameras;
    private int? networks;
    private SearchTimeFrame? frame;

    /// <summary>Set when <c>id</c> may be derived from the record (CSV exports whose ID is masked or absent).</summary>
    public bool DeriveId { get; init; }

    public IReadOnlyList<InputProblem> Problems => problems;

    public void Problem(string path, string message) => problems.Add(new InputProblem(path, message));

    public void Problem(string path, string message, int? line, int? column) => problems.Add(new InputProblem(path, message, line, column));

    /// <summary>A text field by its JSON name; <paramref name="at"/> names it in problems.</summary>
    public void Text(string name, string? value, string at, int? column = null)
    {
        if (value is not null && value.Length > SearchJson.MaxText)
        {
            Problem(at, $"{value.Length:N0} characters, more than the {SearchJson.MaxText:N0} a field may hold", null, column);
            return;
        }

        switch (name)
        {
            case "id": id = Masks.IsMasked(value) ? null : value?.Trim(); break;
            case "agency": agency = value?.Trim(); break;
            case "requester": requester = Masks.IsMasked(value) || TextFold.IsBlank(value) ? null : TextPool.Share(value!.Trim()); break;
            case "reason": reason = Masks.IsMasked(value) ? null : TextPool.Share(value?.Trim()); break;
            case "caseNumber": caseNumber = Masks.IsMasked(value) ? null : value?.Trim(); break;
            case "offenseType": offenseType = Masks.IsMasked(value) ? null : TextPool.Share(value?.Trim()); break;
            case "searchType": searchType = Masks.IsMasked(value) || TextFold.IsBlank(value) ? null : TextPool.Share(value!.Trim()); break;
            case "plateHash":
                if (value is not null && !PlateKey.IsHash(value))
                {
                    Problem(at, "is not a plate hash (hmac-sha256:<key id>:<32 hex digits>); plates are never stored in clear", null, column);
                    return;
                }

                plateHash = value;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "not a text field of a search");
        }
    }

    public void PlateHash(string? hash) => plateHash = hash;

    public void SearchedAt(string text, string at, int? column = null)
    {
        searchedAtSeen = true;
        if (Timestamps.TryParse(text, out var time, out var error))
        {
            searchedAt = time;
        }
        else
        {
            Problem(at, error, null, column);
        }
    }

    public void SearchedAt(DateTimeOffset time) => (searchedAtSeen, searchedAt) = (true, time);

    /// <summary>Marks searchedAt as given but unreadable (the reader has reported why).</summary>
    public void SearchedAtFailed() => searchedAtSeen = true;

    /// <summary>A count by its JSON name. Zero is read as not published: no search runs over no camera, and some exports write 0 where they do not fill the column.</summary>
    public void Count(string name, long? value, string? at = null, int? column = null)
    {
        if (value is < 0 or > int.MaxValue)
        {
            Problem(at ?? pathOf(name), $"{SearchJson.Show(value.Value)} is not a count (0 to {int.MaxValue:N0})", null, column);
            return;
        }

        var count = value is 0 ? null : (int?)value;
        if (name == "camerasSearched")
        {
            cameras = count;
        }
        else
        {
            networks = count;
        }
    }

    public void Frame(DateTimeOffset start, DateTimeOffset end, string at, int? column = null)
    {
        if (end < start)
        {
            Problem(at, $"the time frame ends ({RequestJsonWriter.Time(end)}) before it starts ({RequestJsonWriter.Time(start)})", null, column);
            return;
        }

        frame = new SearchTimeFrame(start, end);
    }

    public ParseResult<AlprSearch> Build()
    {
        Required(agency, "agency");
        if (!DeriveId)
        {
            Required(id, "id");
        }

        if (!searchedAtSeen)
        {
            Problem(pathOf("searchedAt"), "required field is missing");
        }

        if (problems.Count > 0)
        {
            return ParseResult<AlprSearch>.Failure(problems);
        }

        var search = new AlprSearch
        {
            Id = string.Empty,
            Agency = TextPool.Share(agency!)!,
            Requester = requester,
            SearchedAt = searchedAt!.Value,
            Reason = reason,
            CaseNumber = caseNumber,
            OffenseType = offenseType,
            CamerasSearched = cameras,
            NetworksSearched = networks,
            TimeFrame = frame,
            PlateHash = plateHash,
            SearchType = searchType,
        };
        return ParseResult<AlprSearch>.Success(search with { Id = TextFold.IsBlank(id) ? DerivedId(search) : id! });
    }

    private void Required(string? value, string name)
    {
        if (value is null)
        {
            Problem(pathOf(name), "required field is missing");
        }
        else if (TextFold.IsBlank(value))
        {
            Problem(pathOf(name), "required field is blank");
        }
    }

    /// <summary>A stable id for a search exported without one: the same row always gets the same id.</summary>
    private static string DerivedId(AlprSearch search)
    {
        var text = string.Join(
            '\u001f',
            search.Agency,
            search.Requester,
            search.SearchedAt.ToString("O", CultureInfo.InvariantCulture),
            search.Reason,
            search.CaseNumber,
            search.CamerasSearched,
            search.NetworksSearched,
            search.TimeFrame?.Start.ToString("O", CultureInfo.InvariantCulture),
            search.TimeFrame?.End.ToString("O", CultureInfo.InvariantCulture),
            search.PlateHash,
            search.SearchType);
        return "srch-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
    }
}

/// <summary>How exports withhold a value: <c>***</c>, <c>REDACTED</c>, <c>[REDACTED]</c>, a run of <c>#</c>.</summary>
public static class Masks
{
    /// <summary>True when the whole cell (trimmed) is a redaction marker.</summary>
    public static bool IsMasked(string? cell)
    {
        if (cell is null)
        {
            return false;
        }

        var text = cell.AsSpan().Trim();
        if (text.Length == 0)
        {
            return false;
        }

        if (text.Equals("REDACTED", StringComparison.OrdinalIgnoreCase) || text.Equals("[REDACTED]", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var c in text)
        {
            if (c is not ('*' or '#' or ' ' or '\u2588'))
            {
                return false;
            }
        }

        return true;
    }
}
