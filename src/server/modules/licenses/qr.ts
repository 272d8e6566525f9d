import QRCode from 'qrcode';

/**
 * The verification QR code as a black-on-white PNG of sizePx × sizePx. Error correction M survives the
 * wear and glare of a printed or photographed page; the 2-module quiet zone keeps it scannable next to
 * the certificate border.
 */
export async function qrPng(text: string, sizePx = 300): Promise<Buffer> {
  return QRCode.toBuffer(text, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 2,
    width: sizePx,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
}
