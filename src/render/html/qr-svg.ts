import QRCode from 'qrcode';

/** A QR code of `url` as SVG markup: no quiet zone, error correction M. (qrcode loads with this module, on first use.) */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
}
