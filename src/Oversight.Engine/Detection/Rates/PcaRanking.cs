using Microsoft.ML;
using Microsoft.ML.Data;

namespace Oversight.Detection.Rates;

/// <summary>
/// ML.NET's RandomizedPca anomaly model over standardized weekly feature vectors: each row's score
/// (how badly the main components explain it), its percentile among all rows, and each feature's
/// share of the unexplained part, which names what drove an anomaly.
/// </summary>
internal sealed class PcaRanking
{
    /// <summary>Fewer rows than this leave too little to learn what is usual from.</summary>
    public const int MinRows = 20;

    private const int Seed = 20260701;

    private readonly double[] means;
    private readonly double[] scales;
    private readonly float[][] components;
    private readonly float[] centre;
    private readonly float[] scores;
    private readonly float[] sortedScores;

    private PcaRanking(double[] means, double[] scales, float[][] components, float[] centre, float[] scores)
    {
        (this.means, this.scales, this.components, this.centre, this.scores) = (means, scales, components, centre, scores);
        sortedScores = scores.Order().ToArray();
    }

    /// <summary>Trains on the rows; null when there are fewer than <see cref="MinRows"/>.</summary>
    public static PcaRanking? Train(IReadOnlyList<double[]> rows)
    {
        if (rows.Count < MinRows)
        {
            return null;
        }

        var width = rows[0].Length;
        var means = Enumerable.Range(0, width).Select(f => rows.Average(r => r[f])).ToArray();
        var scales = Enumerable.Range(0, width)
            .Select(f => Math.Sqrt(rows.Average(r => (r[f] - means[f]) * (r[f] - means[f]))) is var sd && sd > 1e-12 ? sd : 1)
            .ToArray();
        // A feature that never varies (every window the same length, no case ever given) carries no
        // direction: asking for more components than the varying features hold makes the randomized
        // PCA learn NaN. With fewer than two varying features there is nothing to rank by.
        var varying = Enumerable.Range(0, width).Count(f => rows.Any(r => Math.Abs(r[f] - means[f]) > 1e-12));
        if (varying < 2)
        {
            return null;
        }

        var ml = new MLContext(seed: Seed);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new Row { Features = Standardize(r, means, scales) }), SchemaFor(width));
        var trainer = ml.AnomalyDetection.Trainers.RandomizedPca(nameof(Row.Features), rank: Math.Min(3, varying - 1), ensureZeroMean: true, seed: Seed);
        Microsoft.ML.Data.AnomalyPredictionTransformer<Microsoft.ML.Trainers.PcaModelParameters> model;
        try
        {
            model = trainer.Fit(data);
        }
        catch (ArgumentOutOfRangeException)
        {
            // The learnt components were not numbers: rank without the model (the count alone).
            return null;
        }

        VBuffer<float>[] vectors = [];
        model.Model.GetEigenVectors(ref vectors, out var rank);
        VBuffer<float> mean = default;
        model.Model.GetMean(ref mean);
        var centre = mean.Length == width ? mean.DenseValues().ToArray() : new float[width];
        var components = vectors.Take(rank).Select(v => v.DenseValues().ToArray()).ToArray();
        var scores = ml.Data.CreateEnumerable<Scored>(model.Transform(data), reuseRowObject: false).Select(s => s.Score).ToArray();
        return new PcaRanking(means, scales, components, centre, scores);
    }

    /// <summary>
    /// For training row <paramref name="index"/>: the model's score, the share of rows scoring lower (0..1),
    /// and each feature's share of the squared residual left after projecting onto the main components.
    /// </summary>
    public (double Score, double Percentile, double[] Shares) Rank(int index, double[] row)
    {
        var x = Standardize(row, means, scales);
        var residual = new double[x.Length];
        for (var f = 0; f < x.Length; f++)
        {
            residual[f] = x[f] - centre[f];
        }

        foreach (var component in components)
        {
            var dot = 0.0;
            for (var f = 0; f < x.Length; f++)
            {
                dot += residual[f] * component[f];
            }

            for (var f = 0; f < x.Length; f++)
            {
                residual[f] -= dot * component[f];
            }
        }

        var squares = residual.Select(r => r * r).ToArray();
        var total = squares.Sum();
        var score = scores[index];
        var below = LowerBound(sortedScores, score);

        var shares = total > 0 ? squares.Select(s => s / total).ToArray() : new double[x.Length];
        return (score, (double)below / sortedScores.Length, shares);
    }

    /// <summary>How many of the sorted values are below <paramref name="value"/>.</summary>
    private static int LowerBound(float[] sorted, float value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = sorted[middle] < value ? (middle + 1, high) : (low, middle);
        }

        return low;
    }

    private static float[] Standardize(double[] row, double[] means, double[] scales) =>
        row.Select((v, f) => (float)((v - means[f]) / scales[f])).ToArray();

    private static SchemaDefinition SchemaFor(int width)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return schema;
    }

    public sealed class Row
    {
        public float[] Features { get; set; } = [];
    }

    public sealed class Scored
    {
        public float Score { get; set; }
    }
}
