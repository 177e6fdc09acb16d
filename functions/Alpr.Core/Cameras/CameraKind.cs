namespace Alpr.Core.Cameras;

/// <summary>Fixed pole cameras and patrol-car units fall under different retention rules.</summary>
public enum CameraKind { Fixed, Mobile }

public static class CameraKindText
{
    public static string ToWire(this CameraKind kind) => kind == CameraKind.Mobile ? "mobile" : "fixed";

    public static bool TryParse(string? text, out CameraKind kind)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "fixed": kind = CameraKind.Fixed; return true;
            case "mobile": kind = CameraKind.Mobile; return true;
            default: kind = default; return false;
        }
    }
}
