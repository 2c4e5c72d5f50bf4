using System.Security.Cryptography;

namespace Provisioner.ProvisioningService.Steps;

/// <summary>
/// A password for a new GHL user. Nobody is meant to know it: the user sets their own through GHL's password reset.
/// It is never stored, logged or returned; GHL requires ≥ 12 characters with upper and lower case, a digit and a
/// special character (v3 spec, BRIEF §3.8). 24 characters from a 74-symbol alphabet ≈ 148 bits.
/// </summary>
internal static class UserPasswords
{
    public const int Length = 24;

    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Special = "!#$%&*+-=?@^_~";

    public static string Generate()
    {
        // One of each class guaranteed, the rest from all of them, then shuffled so the classes have no fixed places.
        var chars = new char[Length];
        chars[0] = RandomNumberGenerator.GetItems<char>(Upper, 1)[0];
        chars[1] = RandomNumberGenerator.GetItems<char>(Lower, 1)[0];
        chars[2] = RandomNumberGenerator.GetItems<char>(Digits, 1)[0];
        chars[3] = RandomNumberGenerator.GetItems<char>(Special, 1)[0];
        RandomNumberGenerator.GetItems<char>(Upper + Lower + Digits + Special, Length - 4).CopyTo(chars, 4);
        RandomNumberGenerator.Shuffle<char>(chars);
        return new string(chars);
    }
}
