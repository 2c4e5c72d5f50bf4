using Provisioner.AuditService.Ingestion;

namespace Provisioner.AuditService.Tests;

public sealed class AckWatermarkTests
{
    [Fact]
    public void Acknowledge_LaterTagWhileEarlierOpen_NothingDueUntilTheEarlierSettles()
    {
        var watermark = Received(1, 2, 3);

        Assert.Null(watermark.Acknowledge(2));
        Assert.Null(watermark.Acknowledge(3));
        Assert.Equal(3UL, watermark.Acknowledge(1));
        Assert.Equal(0, watermark.Open);
    }

    [Fact]
    public void Settled_NackedLastInStretch_AckNamesTheLastAcknowledgedNotTheNacked()
    {
        var watermark = Received(1, 2, 3);

        Assert.Null(watermark.Acknowledge(2));
        Assert.Null(watermark.Settled(3));
        Assert.Equal(2UL, watermark.Acknowledge(1));
    }

    [Fact]
    public void Settled_OnlyNackedDeliveries_NoAckDue()
    {
        var watermark = Received(5, 6);

        Assert.Null(watermark.Settled(5));
        Assert.Null(watermark.Settled(6));
        Assert.Equal(0, watermark.Open);
    }

    [Fact]
    public void ForgetAll_ChannelGone_LateSettlementsIgnoredAndNewTagsAckedAlone()
    {
        var watermark = Received(1, 2);
        watermark.ForgetAll();
        watermark.Received(3);

        Assert.Null(watermark.Acknowledge(1));
        Assert.Equal(3UL, watermark.Acknowledge(3));
        Assert.Null(watermark.Acknowledge(2));
        Assert.Equal(0, watermark.Open);
    }

    private static AckWatermark Received(params ulong[] tags)
    {
        var watermark = new AckWatermark();
        foreach (var tag in tags)
        {
            watermark.Received(tag);
        }

        return watermark;
    }
}
