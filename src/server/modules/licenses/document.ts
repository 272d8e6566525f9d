/**
 * The printable face of an electronic license (电子证照), shared by the OFD and PDF renderers. It is
 * built from the signed license data; the renderers only lay it out, they never decide content.
 */
export interface LicenseDocument {
  /** License type name, the document title, e.g. 食品经营许可证. */
  title: string;
  /** GB/T 36904 identifier (证照标识), printed small and encoded in nothing but the verification URL. */
  identifier: string;
  /** The human license number (证照编号), e.g. JY23507030000012. */
  licenseNumber: string;
  /** Holder (持证主体) name and its code (ID number or credit code), already desensitized if needed. */
  holderName: string;
  holderCode: string;
  /** Label of the holder code, e.g. 统一社会信用代码 / 公民身份号码. */
  holderCodeLabel: string;
  /** The data items of the license in display order (label → value); values may be long (wrapped). */
  fields: { label: string; value: string }[];
  /** Issuing body (发证机关) full name, printed under the seal. */
  issuerName: string;
  /** Issue date, YYYY-MM-DD (发证日期). */
  issuedOn: string;
  /** Validity: from / until (YYYY-MM-DD); until null = 长期. */
  validFrom: string;
  validUntil: string | null;
  /** Public verification URL the QR code encodes (…/verify/<identifier>). */
  verifyUrl: string;
  /** Frame colour from the type's template, RGB 0–255 (default: the red of most permits). */
  frameColor?: [number, number, number];
}

/** Images the renderers embed: the QR code and the seal, both PNG. */
export interface LicenseImages {
  qrPng: Buffer;
  sealPng: Buffer;
}
