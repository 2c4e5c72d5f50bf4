// The tests share one broker, and the outage test stops it: they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
