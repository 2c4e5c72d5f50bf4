using System.Reflection;

namespace Provisioner.AppHost;

/// <summary>Where things are on disk: the repository, the build output of each project, the state file.</summary>
public sealed record AppHostPaths(string RepositoryRoot, string Configuration, string StateFile, string ServicesScript, string LocalServersBase)
{
    public const string TargetFramework = "net10.0";

    public static AppHostPaths Resolve(AppHostOptions options)
    {
        var root = string.IsNullOrWhiteSpace(options.RepositoryRoot) ? FindRepositoryRoot() : Path.GetFullPath(options.RepositoryRoot);
        var configuration = string.IsNullOrWhiteSpace(options.Configuration) ? OwnConfiguration() : options.Configuration;
        return new AppHostPaths(
            root,
            configuration,
            Path.GetFullPath(options.StateFile, root),
            Path.Combine(root, "scripts", "services.sh"),
            Path.GetFullPath(options.LocalServers.Base, root));
    }

    public string ProjectDirectory(string projectName) => Path.Combine(RepositoryRoot, projectName);

    public string ProjectFile(string projectName) => Path.Combine(ProjectDirectory(projectName), projectName + ".csproj");

    public string ProjectDll(string projectName) =>
        Path.Combine(ProjectDirectory(projectName), "bin", Configuration, TargetFramework, projectName + ".dll");

    /// <summary>Per-resource log files, beside the state file.</summary>
    public string LogDirectory => Path.Combine(Path.GetDirectoryName(StateFile)!, "logs");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Provisioner.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Provisioner.sln not found above {AppContext.BaseDirectory}; set AppHost:RepositoryRoot.");
    }

    /// <summary>Run the services in the configuration AppHost was built in, so one <c>dotnet build</c> serves both.</summary>
    private static string OwnConfiguration() =>
        typeof(AppHostPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } c
            ? c
            : "Debug";
}
