using Alpr.Core.Plates;
using Alpr.Core.Recognition;
using SkiaSharp;

namespace Alpr.Recognition.Tests;

public class RecognizerTests(RecognizerFixture fx) : IClassFixture<RecognizerFixture>
{
    /// <summary>Label of an openalpr end-to-end image, read from its .txt (file, x, y, w, h, PLATE).</summary>
    private static (byte[] Image, string Plate, int X, int Y, int W, int H) Labelled(string set, string name)
    {
        string dir = Path.Combine(RecognizerFixture.DatasetRoot(), "endtoend", set);
        var parts = File.ReadAllLines(Path.Combine(dir, name + ".txt"))[0].Split('\t');
        return (File.ReadAllBytes(Path.Combine(dir, parts[0])), PlateText.Normalize(parts[5]),
            int.Parse(parts[1]), int.Parse(parts[2]), int.Parse(parts[3]), int.Parse(parts[4]));
    }

    [Theory]
    [InlineData("us", "12c6cb72-3ea3-49e7-b381-e0cdfc5e8960")]
    [InlineData("us", "1e241dc8-8f18-4955-8988-03a0ab49f813")]
    [InlineData("us", "21d8c31d-3deb-494b-9c63-c0223306fd82")]
    [InlineData("us", "22e54a62-57a8-4a0a-88c1-4b9758f67651")]
    [InlineData("us", "wts-lg-000031")]   // Missouri AB1 C2D: the grammar settles G or 6
    [InlineData("us", "wts-lg-000038")]   // all-digit plate beside the camera's burnt-in date and time
    [InlineData("us", "wts-lg-000047")]   // small plate: found only by the detailed pass
    [InlineData("us", "car3")]            // split "1A MW240" under a truck's lettering, whose "STORIT" fits a format
    [InlineData("eu", "eu1")]
    [InlineData("eu", "eu10")]
    [InlineData("eu", "eu7")]             // one read's box cut VW off VW4X4WP; another read has it, surely
    [InlineData("eu", "test_073")]        // an oval "CZ" badge beside the plate: its letters are on the text's rows, too far to be a missed character
    public async Task ReadsTheLabelledPlateWhereItIs(string set, string name)
    {
        var (image, plate, x, y, w, h) = Labelled(set, name);
        var result = await fx.Recognizer.RecognizeAsync(image);
        Assert.NotEmpty(result.Plates);
        var best = result.Plates[0];
        Assert.Equal(plate, best.Text);
        Assert.InRange(best.Confidence, 0.0, 1.0);
        Assert.Equal(4, best.Polygon.Count);
        float cx = best.Polygon.Average(p => p.X), cy = best.Polygon.Average(p => p.Y);
        Assert.InRange(cx, x - w * 0.1, x + w * 1.1);
        Assert.InRange(cy, y - h * 0.2, y + h * 1.2);
        Assert.NotNull(best.CropJpeg);
        Assert.True(ImageGuard.IsJpeg(best.CropJpeg));
        Assert.Equal(fx.Recognizer.Engine, best.Engine);
    }

    [Theory]
    [InlineData("us", "37170dd1-2802-4e38-b982-c5d07c64ff67")]   // California 6 read G (GHP995)
    [InlineData("us", "wts-lg-000076")]                          // California 4 read L (LGL5168)
    [InlineData("eu", "test_036")]                               // a frame mark read as H before RK708AI
    public async Task PlateCharactersOfOtherPlatesSettleWhatTheRecogniserConfuses(string set, string name)
    {
        var (image, plate, _, _, _, _) = Labelled(set, name);
        Assert.NotNull(fx.Recognizer.Glyphs);   // the shipped memory
        var alone = await fx.WithoutGlyphMemory.RecognizeAsync(image);
        Assert.NotEqual(plate, alone.Plates.FirstOrDefault()?.Text);
        // this plate's own characters are in the memory: read without them, as a plate it has never seen
        using (Alpr.Recognition.Glyphs.GlyphMemory.HoldOut(Alpr.Recognition.Glyphs.GlyphMemory.GroupOf(plate)))
            Assert.Equal(plate, (await fx.Recognizer.RecognizeAsync(image)).Plates[0].Text);
    }

    [Theory]
    [InlineData("ma142.png")]   // "R" over "T" before 72LY
    [InlineData("ma49.png")]    // "B" over "R" before 2515
    [InlineData("nj479.png")]   // "R" over "M" before SAMP
    [InlineData("or526.png")]   // "N" over "G" before 00617
    [InlineData("ga151.png")]   // Georgia's peach between BVN and 0669, read as "C"
    [InlineData("ga16.png")]    // and between ASN and 1074, read as "O"
    [InlineData("va1011.png")]  // Virginia's seal among blue characters, read as "0"
    public Task MarksBesideOrBetweenTheGroupsAreNotPartOfTheNumber(string file) => ReadsTheCropsLabel(file);

    [Theory]
    [InlineData("vt1092.png")]  // GUTSY, with a "09-09" sticker in the corner
    [InlineData("va1192.png")]  // EECW, with a "WA455891" registration sticker
    [InlineData("wa1071.png")]  // PRIVACY, with a sticker's serial
    public Task StickersOnThePlateAreNotTheNumber(string file) => ReadsTheCropsLabel(file);

    [Theory]
    [InlineData("wy23.png")]    // Wyoming's county number "1" beyond the bucking horse, before 345D
    [InlineData("id400.png")]   // "B" beyond a wide space before 33333
    [InlineData("il608.png")]   // the "Y" of FAMILY, which the closer look's box cut off
    [InlineData("hi157.png")]   // a thin last "1" just past the box, which reads only together with HXM69
    [InlineData("wa1241.png")]  // the "W" after 12132, read alone as "E"
    public Task CharacterTheDetectorLeftOutBesideThePlateIsRead(string file) => ReadsTheCropsLabel(file);

    [Theory]
    [InlineData("az589.png")]   // W16627, where LL DDDD would have it WI6627
    [InlineData("il638.png")]   // 96381A, where DDDD LL would have it 9638IA
    [InlineData("md284.png")]   // 017M149, where LL D L DDD would have it 0I7M149
    [InlineData("id860.png")]   // 1ADL132, its first character read I or 1 alike: the format's digit position decides
    public Task AOneOrIIsSpeltAsReadUnlessTheReaderIsInDoubt(string file) => ReadsTheCropsLabel(file);

    private async Task ReadsTheCropsLabel(string file)
    {
        string dir = Path.Combine(RecognizerFixture.DatasetRoot(), "plate-crops-us");
        string label = File.ReadLines(Path.Combine(dir, "groundtruth.csv")).Select(l => l.Split(',')).First(p => p[0] == file)[2];
        var result = await fx.Recognizer.RecognizeAsync(File.ReadAllBytes(Path.Combine(dir, file)));
        Assert.Equal(label, result.Plates.FirstOrDefault()?.Text);
    }

    [Fact]
    public async Task PngOfTheSameSceneReadsTheSame()
    {
        // Same scene re-encoded as PNG goes through the other decoder path and must read the same.
        var (image, plate, _, _, _, _) = Labelled("us", "21d8c31d-3deb-494b-9c63-c0223306fd82");
        using var bmp = SKBitmap.Decode(image);
        using var scaled = bmp.Resize(new SKImageInfo(bmp.Width, bmp.Height), new SKSamplingOptions(SKFilterMode.Linear));
        using var img = SKImage.FromBitmap(scaled);
        using var png = img.Encode(SKEncodedImageFormat.Png, 100);
        var result = await fx.Recognizer.RecognizeAsync(png.ToArray());
        Assert.Equal(plate, result.Plates.FirstOrDefault()?.Text);
        Assert.Equal(bmp.Width, result.ImageWidth);
    }

    [Fact]
    public async Task PhotoStoredSidewaysWithExifOrientationReadsUpright()
    {
        // A phone held upright stores the sensor's pixels turned a quarter and says so in EXIF (orientation 6).
        var (image, plate, _, _, _, _) = Labelled("us", "21d8c31d-3deb-494b-9c63-c0223306fd82");
        using var bmp = SKBitmap.Decode(image);
        using var sideways = new SKBitmap(new SKImageInfo(bmp.Height, bmp.Width));
        using (var canvas = new SKCanvas(sideways))
        {
            canvas.Translate(0, bmp.Width);
            canvas.RotateDegrees(-90);
            canvas.DrawBitmap(bmp, 0, 0);
        }
        using var img = SKImage.FromBitmap(sideways);
        var jpeg = RgbImageTests.WithExifOrientation(img.Encode(SKEncodedImageFormat.Jpeg, 95).ToArray(), 6);

        var result = await fx.Recognizer.RecognizeAsync(jpeg);

        Assert.Equal((bmp.Width, bmp.Height), (result.ImageWidth, result.ImageHeight));
        Assert.Equal(plate, result.Plates.FirstOrDefault()?.Text);
    }

    [Theory]
    [InlineData("ca1043.png", "CA")]
    [InlineData("tx1030.png", "TX")]
    public async Task ReadsTheStatePrintedOnThePlate(string file, string state)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RecognizerFixture.DatasetRoot(), "plate-crops-us", file));
        var best = (await fx.Recognizer.RecognizeAsync(bytes)).Plates[0];
        Assert.Equal(state, best.Region);
        Assert.InRange(best.RegionConfidence ?? 0, 0.7, 1.0);
    }

    [Fact]
    public async Task TwoCarsTwoPlates()
    {
        // two real plate crops side by side on one frame
        string dir = Path.Combine(RecognizerFixture.DatasetRoot(), "plate-crops-us");
        var labels = File.ReadLines(Path.Combine(dir, "groundtruth.csv")).Select(l => l.Split(',')).ToDictionary(p => p[0], p => p[2]);
        string[] files = ["ca1043.png", "tx1030.png"];
        using var canvas = new SKBitmap(1100, 500);
        using (var g = new SKCanvas(canvas))
        {
            g.Clear(new SKColor(90, 90, 90));
            for (int i = 0; i < files.Length; i++)
            {
                using var crop = SKBitmap.Decode(Path.Combine(dir, files[i]));
                g.DrawBitmap(crop, new SKRect(60 + i * 560, 150, 60 + i * 560 + 400, 150 + 400f * crop.Height / crop.Width));
            }
        }
        using var img = SKImage.FromBitmap(canvas);
        var result = await fx.Recognizer.RecognizeAsync(img.Encode(SKEncodedImageFormat.Jpeg, 92).ToArray());
        foreach (var f in files) Assert.Contains(result.Plates, p => p.Text == PlateText.Normalize(labels[f]));
        Assert.Equal(2, result.Plates.Count);
        Assert.True(result.Plates.All(p => p.Polygon.Count == 4 && p.CropJpeg is { Length: > 0 }));
    }

    [Fact]
    public async Task FourKFrameIsReadReducedAndReportedInItsOwnPixels()
    {
        // the same scene as a 3840 x 2160 frame, with reduced decoding on: read at 1920 x 1080, the polygon still in the frame's pixels
        var (image, plate, x, y, w, h) = Labelled("us", "12c6cb72-3ea3-49e7-b381-e0cdfc5e8960");
        using var bmp = SKBitmap.Decode(image);
        using var big = bmp.Resize(new SKImageInfo(bmp.Width * 3, bmp.Height * 3), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var img = SKImage.FromBitmap(big);

        using var reducing = new OnnxPlateRecognizer(new OnnxRecognizerOptions { ReduceLargeImagesTo = 1920 });
        var result = await reducing.RecognizeAsync(img.Encode(SKEncodedImageFormat.Jpeg, 92).ToArray());

        Assert.Equal((3840, 2160), (result.ImageWidth, result.ImageHeight));
        var p = result.Plates.FirstOrDefault();
        Assert.Equal(plate, p?.Text);
        float cx = p!.Polygon.Average(q => q.X), cy = p.Polygon.Average(q => q.Y);
        Assert.InRange(cx, 3 * x, 3 * (x + w));
        Assert.InRange(cy, 3 * y, 3 * (y + h));
    }

    [Theory]
    [InlineData(8f, 1.0f)]    // camera mounted crooked
    [InlineData(-6f, 0.8f)]   // and farther away: the plate about 24 px high, zoomed by the closer look
    public async Task RotatedAndSmallerPlatesStillRead(float degrees, float scale)
    {
        var (image, plate, _, _, _, _) = Labelled("us", "7fbfbe28-aecb-45be-bd05-7cf26acb3c5c");
        using var src = SKBitmap.Decode(image);
        int w = (int)(src.Width * scale), h = (int)(src.Height * scale);
        using var dst = new SKBitmap(w, h);
        using (var g = new SKCanvas(dst))
        {
            g.Clear(SKColors.Black);
            g.RotateDegrees(degrees, w / 2f, h / 2f);
            g.DrawBitmap(src, new SKRect(0, 0, w, h), new SKPaint { IsAntialias = true });
        }
        using var img = SKImage.FromBitmap(dst);
        var result = await fx.Recognizer.RecognizeAsync(img.Encode(SKEncodedImageFormat.Jpeg, 92).ToArray());
        Assert.Equal(plate, result.Plates.FirstOrDefault()?.Text);
    }

    [Theory]
    [InlineData("wts-lg-000044")]   // AK7551 for AJK7551 through the box as detected
    [InlineData("car16")]           // not found through the boxes as detected
    public async Task PlateSeenFromTheSideIsReadWithItsCharactersUpright(string name)
    {
        // the scene sheared 20 degrees (each column moved down by tan 20° times its distance right of the centre), as
        // the bench's --shear 20 makes it: the rows slope, the characters stay upright in the frame, and so lean in the
        // detector's box along the rows
        var (image, plate, _, _, _, _) = Labelled("us", name);
        using var src = SKBitmap.Decode(image);
        using var dst = new SKBitmap(src.Width, src.Height);
        using (var g = new SKCanvas(dst))
        {
            g.Clear(SKColors.Black);
            g.Translate(src.Width / 2f, src.Height / 2f);
            g.Skew(0, MathF.Tan(20 * MathF.PI / 180));
            g.Translate(-src.Width / 2f, -src.Height / 2f);
            using var whole = SKImage.FromBitmap(src);
            g.DrawImage(whole, 0, 0, new SKSamplingOptions(SKCubicResampler.Mitchell));
        }
        using var data = dst.Encode(SKEncodedImageFormat.Jpeg, 95);

        Assert.NotEqual(plate, (await fx.WithoutUprightLines.RecognizeAsync(data.ToArray())).Plates.FirstOrDefault()?.Text);
        Assert.Equal(plate, (await fx.Recognizer.RecognizeAsync(data.ToArray())).Plates.FirstOrDefault()?.Text);
    }

    [Fact]
    public async Task SmallPlateInASmallFrameIsFoundByTheDetailedPass()
    {
        // a 1280 x 720 scene as a 640 x 360 camera would give it: the frame is no larger than the fast pass's side,
        // and the plate's text, about 8 px high, is found only when the detailed pass upscales the frame
        var (image, plate, x, y, w, h) = Labelled("us", "wts-lg-000025");
        using var src = SKBitmap.Decode(image);
        Assert.Equal(1280, src.Width);
        using var half = src.Resize(new SKImageInfo(src.Width / 2, src.Height / 2), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var data = half.Encode(SKEncodedImageFormat.Jpeg, 95);

        OnnxPlateRecognizer.LastTrace = null;
        var result = await fx.Recognizer.RecognizeAsync(data.ToArray());

        Assert.True(OnnxPlateRecognizer.LastTrace!.Detailed);
        var best = Assert.Single(result.Plates, p => p.Text == plate);
        Assert.InRange(best.Polygon.Average(p => p.X), (x - w * 0.1) / 2, (x + w * 1.1) / 2);
        Assert.InRange(best.Polygon.Average(p => p.Y), (y - h * 0.2) / 2, (y + h * 1.2) / 2);
    }

    [Fact]
    public async Task PerspectiveSkewedPlateStillReads()
    {
        // seen from the side: one end of the plate about a third shorter than the other
        var (image, plate, x, y, w, h) = Labelled("us", "7fbfbe28-aecb-45be-bd05-7cf26acb3c5c");
        using var src = SKBitmap.Decode(image);
        using var dst = src.Copy();
        float cx = x + w / 2f, cy = y + h / 2f;
        using (var g = new SKCanvas(dst))
        {
            g.ClipRect(new SKRect(cx - 1.5f * w, cy - 1.5f * h, cx + 1.5f * w, cy + 1.5f * h));
            g.Clear(SKColors.Black);
            var persp = SKMatrix.CreateIdentity();
            persp.Persp0 = 0.35f / w; // depth grows along x: 1 ± 0.17 across the plate
            g.SetMatrix(SKMatrix.CreateTranslation(cx, cy).PreConcat(persp).PreConcat(SKMatrix.CreateTranslation(-cx, -cy)));
            g.DrawBitmap(src, 0, 0, new SKPaint { IsAntialias = true });
        }
        using var img = SKImage.FromBitmap(dst);
        var result = await fx.Recognizer.RecognizeAsync(img.Encode(SKEncodedImageFormat.Jpeg, 92).ToArray());
        Assert.Equal(plate, result.Plates.FirstOrDefault()?.Text);
    }

    [Fact]
    public async Task EmptyUploadIsRejected()
    {
        var e = await Assert.ThrowsAsync<ImageRejectedException>(() => fx.Recognizer.RecognizeAsync(ReadOnlyMemory<byte>.Empty));
        Assert.Equal(ImageRejectReason.Empty, e.Reason);
    }

    [Fact]
    public async Task TruncatedJpegIsCorrupt()
    {
        var (image, _, _, _, _, _) = Labelled("us", "12c6cb72-3ea3-49e7-b381-e0cdfc5e8960");
        var e = await Assert.ThrowsAsync<ImageRejectedException>(() => fx.Recognizer.RecognizeAsync(image.AsMemory(0, image.Length / 3)));
        Assert.Equal(ImageRejectReason.Corrupt, e.Reason);
    }

    [Fact]
    public async Task GarbageAfterJpegSignatureIsCorrupt()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0xFF; bytes[1] = 0xD8; bytes[2] = 0xFF;
        var e = await Assert.ThrowsAsync<ImageRejectedException>(() => fx.Recognizer.RecognizeAsync(bytes));
        Assert.Equal(ImageRejectReason.Corrupt, e.Reason);
    }

    [Fact]
    public async Task NonImageIsRejected()
    {
        var e = await Assert.ThrowsAsync<ImageRejectedException>(() => fx.Recognizer.RecognizeAsync("hello, not an image"u8.ToArray()));
        Assert.Equal(ImageRejectReason.NotAnImage, e.Reason);
    }

    [Fact]
    public async Task HugeDimensionsAreRejectedBeforeDecoding()
    {
        // A valid PNG header claiming 30000 x 30000 pixels.
        using var bmp = new SKBitmap(new SKImageInfo(16, 16));
        using var img = SKImage.FromBitmap(bmp);
        var png = img.Encode(SKEncodedImageFormat.Png, 100).ToArray();
        WriteBigEndian(png, 16, 30000); WriteBigEndian(png, 20, 30000);
        var e = await Assert.ThrowsAsync<ImageRejectedException>(() => fx.Recognizer.RecognizeAsync(png));
        Assert.True(e.Reason is ImageRejectReason.DimensionsOutOfRange or ImageRejectReason.Corrupt, e.Reason.ToString());
    }

    [Fact]
    public async Task OversizedUploadIsRejected()
    {
        using var rec = new OnnxPlateRecognizer(new OnnxRecognizerOptions { MaxImageBytes = 1000 });
        var (image, _, _, _, _, _) = Labelled("us", "12c6cb72-3ea3-49e7-b381-e0cdfc5e8960");
        var e = await Assert.ThrowsAsync<ImageRejectedException>(() => rec.RecognizeAsync(image));
        Assert.Equal(ImageRejectReason.TooLarge, e.Reason);
    }

    [Fact]
    public async Task BlankImageHasNoPlates()
    {
        using var bmp = new SKBitmap(new SKImageInfo(640, 480));
        bmp.Erase(SKColors.Gray);
        using var img = SKImage.FromBitmap(bmp);
        var result = await fx.Recognizer.RecognizeAsync(img.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray());
        Assert.Empty(result.Plates);
        Assert.Equal(640, result.ImageWidth);
    }

    [Theory]
    [InlineData(320, 160)]     // no larger than the fast side, and nothing seen: upscaling may find a small plate
    [InlineData(640, 480)]
    [InlineData(1280, 720)]    // a scene: small plates may be unseen at the fast side
    public async Task DetailedPassRunsWhereNothingWasFound(int width, int height)
    {
        using var bmp = new SKBitmap(new SKImageInfo(width, height));
        bmp.Erase(SKColors.Gray);   // nothing to read, so no plate at all
        using var img = SKImage.FromBitmap(bmp);
        await fx.Recognizer.RecognizeAsync(img.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray());
        Assert.True(OnnxPlateRecognizer.LastTrace!.Detailed);
    }

    [Fact]
    public async Task SmallImageWhoseTextWasSeenTallGetsNoDetailedPass()
    {
        // a plate crop with an all-digit plate (never confident enough to skip the pass on its own): the fast pass saw
        // it whole at full resolution and its text tall, so upscaling could only read the same text again
        var crop = File.ReadAllBytes(Path.Combine(RecognizerFixture.DatasetRoot(), "plate-crops-us", "ma912.png"));
        var result = await fx.Recognizer.RecognizeAsync(crop);
        Assert.All(result.Plates[0].Text, c => Assert.True(char.IsAsciiDigit(c)));
        Assert.False(OnnxPlateRecognizer.LastTrace!.Detailed);
    }

    [Fact]
    public async Task SureReadingOfTextSeenLargeNeedsNoCloserLook()
    {
        // a plate crop: the fast pass saw FHG521 four times as tall as a closer look would zoom it
        string dir = Path.Combine(RecognizerFixture.DatasetRoot(), "plate-crops-us");
        var result = await fx.Recognizer.RecognizeAsync(await File.ReadAllBytesAsync(Path.Combine(dir, "ak721.png")));
        Assert.Equal("FHG521", result.Plates[0].Text);
        Assert.Equal(0, OnnxPlateRecognizer.LastTrace!.CloserLooks);
    }

    [Fact]
    public async Task SureReadingOfASmallPlateStillGetsItsCloserLook()
    {
        // the fast pass reads UNP953 surely, but its box cut the first character off: the closer look finds it
        var (image, plate, _, _, _, _) = Labelled("us", "wts-lg-000152");
        var result = await fx.Recognizer.RecognizeAsync(image);
        Assert.Equal(plate, result.Plates[0].Text);
        Assert.True(OnnxPlateRecognizer.LastTrace!.CloserLooks > 0);
    }

    private static void WriteBigEndian(byte[] b, int at, int v)
    {
        b[at] = (byte)(v >> 24); b[at + 1] = (byte)(v >> 16); b[at + 2] = (byte)(v >> 8); b[at + 3] = (byte)v;
    }
}
