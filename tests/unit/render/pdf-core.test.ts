import * as pdfLib from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { PDFArray, PDFBool, PDFContext, PDFDict, PDFHexString, PDFName, PDFNumber, PDFObjectParser, PDFRef, PDFString } from '../../../src/render/pdf/pdf-core.js';

describe('pdf-core', () => {
  it('gives the classes pdf-lib itself exports, so objects of either pass instanceof in both', () => {
    expect(PDFArray).toBe(pdfLib.PDFArray);
    expect(PDFBool).toBe(pdfLib.PDFBool);
    expect(PDFContext).toBe(pdfLib.PDFContext);
    expect(PDFDict).toBe(pdfLib.PDFDict);
    expect(PDFHexString).toBe(pdfLib.PDFHexString);
    expect(PDFName).toBe(pdfLib.PDFName);
    expect(PDFNumber).toBe(pdfLib.PDFNumber);
    expect(PDFObjectParser).toBe(pdfLib.PDFObjectParser);
    expect(PDFRef).toBe(pdfLib.PDFRef);
    expect(PDFString).toBe(pdfLib.PDFString);
  });

  it('parses an object into a context', () => {
    const parsed = PDFObjectParser.forBytes(new TextEncoder().encode('<< /Title (Brief) /Count 3 >>'), PDFContext.create()).parseObject();
    expect(parsed).toBeInstanceOf(pdfLib.PDFDict);
    expect((parsed as PDFDict).get(PDFName.of('Count'))).toBeInstanceOf(PDFNumber);
  });
});
