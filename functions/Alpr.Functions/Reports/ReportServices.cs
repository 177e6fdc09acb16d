using Alpr.Reporting;

namespace Alpr.Functions.Reports;

public static class ReportServices
{
    /// <summary>The quarterly reports: gathering, archive, generator, expiry, and the QuarterlyReports timer.</summary>
    public static IServiceCollection AddAlprReports(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ReportOptions>(config.GetSection("Reports"));
        services.AddSingleton<QuarterRecordSource>();
        services.AddSingleton<ReportArchive>();
        services.AddSingleton<ReportGenerator>();
        services.AddSingleton<ReportRetention>();
        services.AddSingleton<Hosting.IFunctionHandler, QuarterlyReportsFunction>();
        services.AddSingleton(new Hosting.FeatureStore((sp, ct) => sp.GetRequiredService<ReportArchive>().EnsureCreatedAsync(ct)));
        return services;
    }
}
