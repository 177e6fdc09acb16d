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
        services.AddHostedService<ReportsContainerWarmup>();
        return services;
    }
}

/// <summary>Local runs create the reports container (in Azure, infra declares it).</summary>
public sealed class ReportsContainerWarmup(ReportArchive archive, IConfiguration config) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (config.GetValue<bool>("CreateResourcesIfMissing")) await archive.EnsureCreatedAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
