using CliWrap;
using Provisioner.AppHost.Model;
using Provisioner.AppHost.Output;

namespace Provisioner.AppHost.Processes;

/// <summary>
/// Services run from their build output (<c>dotnet X/bin/cfg/net10.0/X.dll</c>) so startup does not pay for a build;
/// a missing dll is built once, or reported when building is switched off.
/// </summary>
public sealed class ProjectBinaries(AppHostPaths paths, IConsoleOutput output)
{
    public IReadOnlyList<ProjectResource> Missing(IEnumerable<ProjectResource> projects) =>
        projects.Where(p => !File.Exists(paths.ProjectDll(p.ProjectName))).ToList();

    /// <summary>Returns an error message, or null when every dll exists.</summary>
    public async Task<string?> EnsureBuiltAsync(IReadOnlyList<ProjectResource> projects, bool buildMissing, CancellationToken cancellationToken)
    {
        foreach (var project in Missing(projects))
        {
            var dll = paths.ProjectDll(project.ProjectName);
            if (!buildMissing)
            {
                return $"{dll} is missing. Build first: dotnet build Provisioner.sln -c {paths.Configuration}";
            }

            output.Log("apphost", $"{project.ProjectName}: no build output, building ({paths.Configuration})");
            var result = await Cli.Wrap("dotnet")
                .WithArguments(["build", paths.ProjectFile(project.ProjectName), "-c", paths.Configuration, "--nologo", "-v", "q"])
                .WithWorkingDirectory(paths.RepositoryRoot)
                .WithValidation(CommandResultValidation.None)
                .WithStandardOutputPipe(PipeTarget.ToDelegate(line => output.Log("build", line)))
                .WithStandardErrorPipe(PipeTarget.ToDelegate(line => output.Log("build", line)))
                .ExecuteAsync(cancellationToken);
            if (result.ExitCode != 0 || !File.Exists(dll))
            {
                return $"Building {project.ProjectName} failed (exit code {result.ExitCode}); see the build lines above.";
            }
        }

        return null;
    }
}
