namespace Provisioner.TestSupport;

/// <summary>
/// Where the throwaway PostgreSQL and RabbitMQ started by <c>./provisioner test</c> listen. The script exports
/// these variables; running <c>dotnet test</c> by hand needs them too (<c>./provisioner test</c> prints them).
/// </summary>
public static class TestEnvironment
{
    public const string PostgresVariable = "PROVISIONER_TEST_POSTGRES";
    public const string RabbitMqVariable = "PROVISIONER_TEST_RABBITMQ";
    public const string RabbitMqManagementVariable = "PROVISIONER_TEST_RABBITMQ_MANAGEMENT";
    public const string ServicesScriptVariable = "PROVISIONER_SERVICES_SCRIPT";

    /// <summary>Admin connection string (a role with CREATEDB), without a database name.</summary>
    public static string PostgresConnectionString => Require(PostgresVariable);

    /// <summary><c>amqp://user:password@host:port/</c></summary>
    public static Uri RabbitMqUri => new(Require(RabbitMqVariable));

    /// <summary><c>http://user:password@host:port/</c> of the management plugin.</summary>
    public static Uri RabbitMqManagementUri => new(Require(RabbitMqManagementVariable));

    /// <summary>The services script with the test instance's settings, for tests that stop and start a server.</summary>
    public static string ServicesScript => Require(ServicesScriptVariable);

    /// <summary>The repository root (the folder holding Provisioner.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Provisioner.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Provisioner.sln not found above the test binaries.");
        }
    }

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests with ./provisioner test, which starts PostgreSQL and RabbitMQ and sets it.");
}
