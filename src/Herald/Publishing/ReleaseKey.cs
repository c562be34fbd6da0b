using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Herald.Publishing;

/// <summary>
/// A project's OpenPGP release key (BouncyCastle): generated as an RSA 3072 signing key, kept as
/// armoured <c>secret.asc</c> and <c>public.asc</c>, optionally protected by a passphrase.
/// </summary>
public sealed class ReleaseKey
{
    private readonly PgpSecretKeyRing _ring;
    private readonly PgpSecretKey _secret;
    private readonly PgpPrivateKey _private;

    private ReleaseKey(PgpSecretKeyRing ring, PgpSecretKey secret, PgpPrivateKey privateKey)
    {
        _ring = ring;
        _secret = secret;
        _private = privateKey;
    }

    /// <summary>The key's fingerprint, upper-case hex.</summary>
    public string Fingerprint => Convert.ToHexString(_secret.PublicKey.GetFingerprint());

    /// <summary>The user id, e.g. <c>Xen Project Release &lt;security@xen.org&gt;</c>.</summary>
    public string UserId => _secret.UserIds.Cast<string>().FirstOrDefault() ?? string.Empty;

    /// <summary>
    /// Generates a key pair for <paramref name="name"/> and <paramref name="email"/> and writes
    /// <c>secret.asc</c> and <c>public.asc</c> into <paramref name="folder"/> (refusing to overwrite).
    /// </summary>
    public static ReleaseKey Generate(string name, string email, string? passphrase, string folder, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        if (name.Any(c => c is '<' or '>' or '\n') || !email.Contains('@', StringComparison.Ordinal) || email.Any(c => c is '<' or '>' or ' ' or '\n'))
        {
            throw new HeraldException($"'{name} <{email}>' is not a usable key identity; give --name \"Project Release\" and --email release@example.org.");
        }

        var secretPath = Path.Combine(folder, "secret.asc");
        var publicPath = Path.Combine(folder, "public.asc");
        if (File.Exists(secretPath) || File.Exists(publicPath))
        {
            throw new HeraldException($"{folder} already holds a key (secret.asc or public.asc); choose another --out folder.");
        }

        var random = new SecureRandom();
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(0x10001), random, 3072, 80));
        var pair = new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, generator.GenerateKeyPair(), now.UtcDateTime);
        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetKeyFlags(false, PgpKeyFlags.CanSign | PgpKeyFlags.CanCertify);
        hashed.SetPreferredHashAlgorithms(false, [(int)HashAlgorithmTag.Sha256, (int)HashAlgorithmTag.Sha512]);
        hashed.SetSignatureCreationTime(false, now.UtcDateTime);
        var ring = new PgpKeyRingGenerator(
            PgpSignature.PositiveCertification,
            pair,
            $"{name} <{email}>",
            SymmetricKeyAlgorithmTag.Aes256,
            (passphrase ?? string.Empty).ToCharArray(),
            true,
            hashed.Generate(),
            null,
            random);
        var secretRing = ring.GenerateSecretKeyRing();
        var publicRing = ring.GeneratePublicKeyRing();
        Directory.CreateDirectory(folder);
        AtomicFile.Write(secretPath, Armour(secretRing.GetEncoded()), restrictToOwner: true);
        AtomicFile.Write(publicPath, Armour(publicRing.GetEncoded()));
        return new ReleaseKey(secretRing, secretRing.GetSecretKey(), secretRing.GetSecretKey().ExtractPrivateKey((passphrase ?? string.Empty).ToCharArray()));
    }

    /// <summary>Reads the secret key in <paramref name="path"/> (armoured), unlocking it with <paramref name="passphrase"/>.</summary>
    public static ReleaseKey Load(string path, string? passphrase)
    {
        if (!File.Exists(path))
        {
            throw new HeraldException($"{path}: no release key there; create one with 'herald key generate' or pass --key FILE.");
        }

        try
        {
            using var stream = PgpUtilities.GetDecoderStream(File.OpenRead(path));
            var bundle = new PgpSecretKeyRingBundle(stream);
            var (ring, secret) = bundle.GetKeyRings().Cast<PgpSecretKeyRing>()
                .SelectMany(r => r.GetSecretKeys().Cast<PgpSecretKey>().Select(k => (Ring: r, Key: k)))
                .FirstOrDefault(x => x.Key.IsSigningKey);
            if (secret is null)
            {
                throw new HeraldException($"{path}: holds no signing key.");
            }

            return new ReleaseKey(ring, secret, secret.ExtractPrivateKey((passphrase ?? string.Empty).ToCharArray()));
        }
        catch (PgpException e)
        {
            throw new HeraldException($"{path}: cannot unlock the release key ({e.Message}); check --passphrase-file.", e);
        }
        catch (IOException e)
        {
            throw new HeraldException($"{path}: not an armoured OpenPGP secret key ({e.Message}).", e);
        }
    }

    /// <summary>
    /// The public half of the whole key ring (primary key, user ids, subkeys), armoured: what <c>herald
    /// publish</c> puts in the store's <c>KEYS</c>. A signing subkey alone could not be imported.
    /// </summary>
    public string ExportPublic() => Armour(PublicRing(_ring).GetEncoded());

    /// <summary>The public key, armoured (what <c>herald key export</c> prints and <c>/downloads/KEYS</c> serves).</summary>
    public static string ExportPublic(string secretOrPublicPath)
    {
        if (!File.Exists(secretOrPublicPath))
        {
            throw new HeraldException($"{secretOrPublicPath}: no key there; create one with 'herald key generate'.");
        }

        using var stream = PgpUtilities.GetDecoderStream(File.OpenRead(secretOrPublicPath));
        var objects = new PgpObjectFactory(stream);
        var first = objects.NextPgpObject();
        return first switch
        {
            PgpSecretKeyRing secret => Armour(PublicRing(secret).GetEncoded()),
            PgpPublicKeyRing publicRing => Armour(publicRing.GetEncoded()),
            _ => throw new HeraldException($"{secretOrPublicPath}: not an OpenPGP key."),
        };
    }

    private static PgpPublicKeyRing PublicRing(PgpSecretKeyRing ring) =>
        new(ring.GetPublicKeys().Cast<PgpPublicKey>().SelectMany(k => k.GetEncoded()).ToArray());

    // A SHA-256 signature of this key over a document of signatureType (binary, or canonical text), made at now.
    private PgpSignatureGenerator Generator(int signatureType, DateTimeOffset now)
    {
        var generator = new PgpSignatureGenerator(_secret.PublicKey.Algorithm, HashAlgorithmTag.Sha256);
        generator.InitSign(signatureType, _private);
        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetSignatureCreationTime(false, now.UtcDateTime);
        hashed.SetIssuerFingerprint(false, _secret.PublicKey);
        generator.SetHashedSubpackets(hashed.Generate());
        var unhashed = new PgpSignatureSubpacketGenerator();
        unhashed.SetIssuerKeyID(false, _secret.KeyId);
        generator.SetUnhashedSubpackets(unhashed.Generate());
        return generator;
    }

    /// <summary>A detached, armoured signature (SHA-256) of <paramref name="content"/>.</summary>
    public string Sign(Stream content, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        var generator = Generator(PgpSignature.BinaryDocument, now);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
        {
            generator.Update(buffer, 0, read);
        }

        using var output = new MemoryStream();
        using (var armoured = new ArmoredOutputStream(output))
        {
            generator.Generate().Encode(armoured);
        }

        return Encoding.ASCII.GetString(output.ToArray());
    }

    /// <summary>
    /// <paramref name="text"/> clear-signed (RFC 4880 §7, SHA-256): readable as it is, checked with <c>gpg --verify</c>.
    /// Line ends become LF and trailing spaces and tabs are removed from every line (the signature ignores them, so
    /// the text shown is exactly the text signed); lines starting with '-' are dash-escaped; the text ends before
    /// the signature's armour.
    /// </summary>
    public string ClearSign(string text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').TrimEnd('\n').Split('\n')
            .Select(line => line.TrimEnd(' ', '\t'))
            .ToList();
        var generator = Generator(PgpSignature.CanonicalTextDocument, now);
        using var output = new MemoryStream();
        using (var armoured = new ArmoredOutputStream(output))
        {
            armoured.BeginClearText(HashAlgorithmTag.Sha256);
            for (var i = 0; i < lines.Count; i++)
            {
                // Canonical text: lines joined by CR LF, without the line end before the signature.
                var bytes = Encoding.UTF8.GetBytes(lines[i]);
                if (i > 0)
                {
                    generator.Update((byte)'\r');
                    generator.Update((byte)'\n');
                }

                generator.Update(bytes, 0, bytes.Length);

                // The armour dash-escapes a line that starts with '-' as it writes it.
                armoured.Write(bytes, 0, bytes.Length);
                armoured.WriteByte((byte)'\n');
            }

            armoured.EndClearText();
            generator.Generate().Encode(armoured);
        }

        return Encoding.UTF8.GetString(output.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string Armour(byte[] encoded)
    {
        using var output = new MemoryStream();
        using (var armoured = new ArmoredOutputStream(output))
        {
            armoured.Write(encoded, 0, encoded.Length);
        }

        return Encoding.ASCII.GetString(output.ToArray());
    }
}
