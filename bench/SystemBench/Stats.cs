namespace Provisioner.Bench.SystemBench;

/// <summary>Percentiles of a sample (nearest rank on the sorted values).</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string F(double value, int decimals = 2) => value.ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture);
}
