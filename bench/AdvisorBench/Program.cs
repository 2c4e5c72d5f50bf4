using Provisioner.Bench.AdvisorBench;

return BenchCommand.Create().Parse(args).Invoke();
