using ClosedXML.Excel;
using Google.OrTools.Sat;
using Oversight.Policies;
using Oversight.Reports;
using Oversight.Reports.Disclosure;
using Oversight.Reports.Xlsx;

namespace Oversight.Tests.Reports;

/// <summary>
/// Plays the intruder against a published report, independently of the product's own check: reads
/// every count of the workbook (a number, or "[c]"), learns from the PDF which withheld counts are
/// "&lt;5" (from 1 to suppressBelow − 1), writes down every relation a reader knows — each table's
/// rows and columns add up to the period's totals by decision, the denial table is bounded by the
/// denied total and by the bins beyond each rule's limit, a finding's requests are allowed or
/// reviewed requests of its agency — and asks an integer solver (OR-Tools CP-SAT) for the least and
/// greatest value of every withheld count.
/// </summary>
internal sealed class Intruder
{
    private readonly CpModel model = new();
    private readonly List<(string Where, IntVar Variable)> hidden = [];
    private readonly int k;
    private readonly long total;

    private Intruder(int suppressBelow, long total)
    {
        k = suppressBelow;
        this.total = total;
    }

    /// <summary>Each withheld count with the least and greatest value the published report allows.</summary>
    public static List<(string Where, long Min, long Max)> Attack(TransparencyReport report, Policy policy)
    {
        var buffer = new MemoryStream();
        ReportWorkbook.Write(report, buffer);
        buffer.Position = 0;
        using var workbook = new XLWorkbook(buffer);
        var summary = workbook.Worksheet("Summary");
        var submitted = Row(summary, "Requests submitted").Cell(2);
        if (report.Cover.Mode != ReportMode.Full || submitted.DataType != XLDataType.Number || !submitted.TryGetValue<long>(out var n))
        {
            // Only the band or the total is published: there is nothing to add up.
            Assert.Empty(report.Weekly);
            Assert.Empty(report.ByAgency);
            return [];
        }

        var intruder = new Intruder(report.Cover.SuppressBelow, n);
        var s = report.Summary;
        var totals = new[]
        {
            LinearExpr.Constant(n),
            intruder.Cell("Summary!Allowed", Row(summary, "Allowed").Cell(2), s.Allowed),
            intruder.Cell("Summary!Review", Row(summary, "Needed review").Cell(2), s.Review),
            intruder.Cell("Summary!Denied", Row(summary, "Denied").Cell(2), s.Denied),
        };
        intruder.Sum(totals[0], totals[1..]);
        intruder.Sum(totals[0], [
            intruder.Cell("Summary!WithCase", Row(summary, "Requests with a case number").Cell(2), s.WithCaseNumber),
            intruder.Cell("Summary!WithoutCase", Row(summary, "Requests without a case number").Cell(2), s.WithoutCaseNumber)]);

        var weekly = report.Weekly.Select(w => new[] { w.Submitted, w.Allowed, w.Review, w.Denied }).ToList();
        intruder.DecisionTable(workbook.Worksheet("Weekly"), "Submitted", weekly, totals);
        var byAgency = intruder.DecisionTable(workbook.Worksheet("ByAgency"), "Submitted", [.. report.ByAgency.Select(Counts)], totals);
        intruder.DecisionTable(workbook.Worksheet("ByLegalBasis"), "Submitted", [.. report.ByLegalBasis.Select(Counts)], totals);
        intruder.DecisionTable(workbook.Worksheet("ByIncidentType"), "Submitted", [.. report.ByIncidentType.Select(Counts)], totals);

        var bins = intruder.Column(workbook.Worksheet("Distributions"), "Requests", [.. new[] { report.Areas, report.Windows }.OfType<Distribution>().SelectMany(d => d.Bins.Select(b => b.Requests))]);
        var areaBins = report.Areas?.Bins.Count ?? 0;
        if (bins.Count > 0)
        {
            intruder.Sum(totals[0], bins.Take(areaBins));
            intruder.Sum(totals[0], bins.Skip(areaBins));
        }

        if (report.Geography is { } geography)
        {
            intruder.Sum(totals[0], intruder.Column(workbook.Worksheet("ByGeography"), "Requests (by area centre)", [.. geography.Areas.Select(a => a.Requests), geography.Outside]));
        }

        var versions = intruder.Column(workbook.Worksheet("Policies"), "Requests decided", [.. report.Policies.Select(p => p.Requests)]);
        intruder.Sum(totals[0], versions);

        intruder.Denials(workbook.Worksheet("Denials"), report, policy, totals[3], bins, areaBins);
        intruder.Findings(workbook.Worksheet("Findings"), report, byAgency, totals);
        return intruder.Bounds();
    }

    private static ReportCount[] Counts(DecisionRow r) => [r.Submitted, r.Allowed, r.Review, r.Denied];

    private static IXLRow Row(IXLWorksheet sheet, string label) =>
        sheet.RowsUsed().First(r => r.Cell(1).GetString() == label);

    /// <summary>A published count as a constant, a withheld one as a variable: 1 to k − 1 when the PDF prints "&lt;k", else 0 to the period's total.</summary>
    private LinearExpr Cell(string where, IXLCell cell, ReportCount shown)
    {
        if (cell.DataType == XLDataType.Number)
        {
            Assert.Equal(shown.Value, cell.GetValue<int>());
            return LinearExpr.Constant(cell.GetValue<long>());
        }

        Assert.Equal(ReportCount.Confidential, cell.GetString());
        var small = shown.State == CellState.Small;
        var variable = model.NewIntVar(small ? 1 : 0, small ? k - 1 : total, where);
        hidden.Add((where, variable));
        return variable;
    }

    private List<LinearExpr> Column(IXLWorksheet sheet, string header, IReadOnlyList<ReportCount> shown)
    {
        var column = sheet.Row(1).CellsUsed().First(c => c.GetString() == header).Address.ColumnNumber;
        return [.. shown.Select((count, i) => Cell($"{sheet.Name}!{header}#{i + 1}", sheet.Cell(i + 2, column), count))];
    }

    private void Sum(LinearExpr whole, IEnumerable<LinearExpr> parts) => model.Add(whole == LinearExpr.Sum(parts));

    /// <summary>Rows by decision: each row's total is the sum of its decisions; each column adds up to the period's total of that decision.</summary>
    private List<LinearExpr[]> DecisionTable(IXLWorksheet sheet, string first, List<ReportCount[]> shown, LinearExpr[] totals)
    {
        if (shown.Count == 0)
        {
            return [];
        }

        var start = sheet.Row(1).CellsUsed().First(c => c.GetString() == first).Address.ColumnNumber;
        var rows = shown.Select((counts, i) => Enumerable.Range(0, 4)
            .Select(j => Cell($"{sheet.Name}!r{i + 1}c{j}", sheet.Cell(i + 2, start + j), counts[j])).ToArray()).ToList();
        foreach (var row in rows)
        {
            Sum(row[0], row[1..]);
        }

        for (var j = 0; j < 4; j++)
        {
            Sum(totals[j], rows.Select(r => r[j]));
        }

        return rows;
    }

    /// <summary>
    /// Each rule's row is at most the denied requests that broke some rule (denied minus the
    /// exemption row), together at least that many; a rule on area or time is at most the requests
    /// in the bins beyond its limit.
    /// </summary>
    private void Denials(IXLWorksheet sheet, TransparencyReport report, Policy policy, LinearExpr denied, List<LinearExpr> bins, int areaBins)
    {
        var cells = Column(sheet, "Denied requests that broke it", [.. report.Denials.Select(d => d.Requests)]);
        var exemptionIndex = report.Denials.ToList().FindIndex(d => d.RuleId == "(exemption)");
        LinearExpr exemption = exemptionIndex >= 0 ? cells[exemptionIndex] : LinearExpr.Constant(0);
        var rules = cells.Where((_, i) => i != exemptionIndex).ToList();
        foreach (var rule in rules)
        {
            model.Add(rule + exemption <= denied);
        }

        model.Add(LinearExpr.Sum(rules) + exemption >= denied);
        if (report.Policies.Count != 1 || bins.Count == 0)
        {
            return;
        }

        for (var i = 0; i < report.Denials.Count; i++)
        {
            (Distribution? distribution, int offset, double limit, bool above) = policy.Rules.FirstOrDefault(r => r.Id == report.Denials[i].RuleId) switch
            {
                MaxAreaRule r => (report.Areas!, 0, r.Limit.BaseValue / Oversight.Geo.Wgs84.SquareMetresPerSquareMile, true),
                MinAreaRule r => (report.Areas!, 0, r.Limit.BaseValue / Oversight.Geo.Wgs84.SquareMetresPerSquareMile, false),
                MaxWindowRule r => (report.Windows!, areaBins, r.Limit.BaseValue / 3600, true),
                MinWindowRule r => (report.Windows!, areaBins, r.Limit.BaseValue / 3600, false),
                _ => (null, 0, 0.0, false),
            };
            if (distribution is null)
            {
                continue;
            }

            var beyond = distribution.Bins.Select((b, j) => (b, j))
                .Where(x => above ? x.b.To is not { } to || to > limit : x.b.From < limit)
                .Select(x => bins[offset + x.j]);
            model.Add(cells[i] <= LinearExpr.Sum(beyond));
        }
    }

    /// <summary>A finding's requests (all in the period here) were allowed or reviewed requests of its agency.</summary>
    private void Findings(IXLWorksheet sheet, TransparencyReport report, List<LinearExpr[]> byAgency, LinearExpr[] totals)
    {
        for (var i = 0; i < report.Findings.Count; i++)
        {
            var agency = sheet.Cell(i + 2, 5).GetString();
            var requests = sheet.Cell(i + 2, 7).GetValue<long>();
            var row = report.ByAgency.ToList().FindIndex(a => a.Name == agency);
            model.Add(row < 0 ? totals[1] + totals[2] >= requests : byAgency[row][1] + byAgency[row][2] >= requests);
        }
    }

    private List<(string Where, long Min, long Max)> Bounds()
    {
        var bounds = new List<(string, long, long)>();
        foreach (var (where, variable) in hidden)
        {
            bounds.Add((where, Solve(variable, maximise: false), Solve(variable, maximise: true)));
        }

        return bounds;
    }

    private long Solve(IntVar variable, bool maximise)
    {
        if (maximise)
        {
            model.Maximize(variable);
        }
        else
        {
            model.Minimize(variable);
        }

        var solver = new CpSolver { StringParameters = "num_workers:1,random_seed:1,max_time_in_seconds:30" };
        var status = solver.Solve(model);
        Assert.Equal(CpSolverStatus.Optimal, status);
        return (long)solver.ObjectiveValue;
    }
}
