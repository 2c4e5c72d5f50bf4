using Provisioner.SnapshotAdvisor.Ranking;
using static Provisioner.SnapshotAdvisor.Tests.Builders;

namespace Provisioner.SnapshotAdvisor.Tests;

/// <summary>
/// Neighbouring niches the taxonomy relates (they share vocabulary and customers): with both in the library, each
/// business must land on its own side, in both directions of a pair.
/// </summary>
public sealed class NearMissTests
{
    private static readonly IReadOnlyList<SnapshotCandidate> Library =
    [
        Snapshot("snp_dental", "Family Dental Marketing", "New patient funnel and recall reminders."),
        Snapshot("snp_ortho", "Orthodontic Consult Booster", "Braces and aligner consultations."),
        Snapshot("snp_medspa", "Med Spa Membership Engine", "Botox, fillers and laser packages."),
        Snapshot("snp_derm", "Dermatology Clinic Patients", "Skin checks, acne and eczema appointments."),
        Snapshot("snp_roof", "Roofing Storm Leads", "Inspection requests after hail."),
        Snapshot("snp_build", "Home Remodeling Contractor", "Kitchen and bathroom remodel estimates."),
        Snapshot("snp_hvac", "Heating and Cooling Service", "Maintenance plans and repair calls."),
        Snapshot("snp_plumb", "Plumbing Emergency Calls", "Drain and water heater jobs."),
        Snapshot("snp_salon", "Hair Salon Rebooking", "Color and cut appointments."),
        Snapshot("snp_barber", "Barbershop Chair Filler", "Fades and beard trims walk-ins."),
        Snapshot("snp_gym", "Gym Membership Drive", "Free week pass and personal training."),
        Snapshot("snp_yoga", "Yoga Studio Class Packs", "Intro offers for yoga and pilates classes."),
        Starter(),
    ];

    private readonly SnapshotRanker _ranker = Ranker();

    [Theory]
    [InlineData("Dentist", "Cleanings, fillings, crowns and root canals for the whole family.", "snp_dental")]
    [InlineData("Orthodontist", "Braces and clear aligners for teens; free first consultation.", "snp_ortho")]
    [InlineData("Aesthetics", "Botox, lip filler and laser hair removal by a nurse injector.", "snp_medspa")]
    [InlineData("Medical", "Board-certified dermatologist treating acne, eczema and psoriasis; annual skin cancer screenings.", "snp_derm")]
    [InlineData("Contractor", "Roof replacement, shingle repair and storm damage inspections.", "snp_roof")]
    [InlineData("Contractor", "Kitchen and bathroom remodels, additions and basement finishing.", "snp_build")]
    [InlineData("Home services", "Furnace repair, AC installs and seasonal tune-ups.", "snp_hvac")]
    [InlineData("Home services", "Clogged drains, leaking pipes and water heater replacement.", "snp_plumb")]
    [InlineData("Beauty", "Balayage, color correction and blowouts for women.", "snp_salon")]
    [InlineData("Grooming", "Men's fades, hot towel shaves and beard trims.", "snp_barber")]
    [InlineData("Fitness", "Weight room, personal training and HIIT classes.", "snp_gym")]
    [InlineData("Fitness", "Vinyasa and hot yoga classes, reformer pilates.", "snp_yoga")]
    public void Rank_NeighbouringNiches_PicksTheBusinessesOwnSide(string industry, string description, string expected)
    {
        var result = _ranker.Rank(Business(industry: industry, description: description), Library);

        Assert.Equal(expected, result.Recommendations[0].SnapshotId);
    }
}
