/**
 * `--format scorm`: a SCORM package — a zip holding `imsmanifest.xml` and the trainee page
 * (`index.html`), nothing else. One organisation with one item, one SCO resource. The manifest follows
 * SCORM 1.2 (IMS CP 1.1.2 with ADL's `adlcp:scormtype`) or SCORM 2004 4th edition (IMS CP 1.1.4 with
 * `adlcp:scormType`); the page finds the platform's API and reports the run itself.
 */
import { strToU8, zipSync } from 'fflate';
import { escapeXml as esc } from '../../shared/escape';
import type { PackData } from '../../service';

/** The page's name in the package. */
export const SCORM_PAGE = 'index.html';

/** An xs:ID from any text: a letter first, then letters, digits, `-`, `_` and `.`. */
export function xmlId(prefix: string, text: string): string {
  return `${prefix}-${text.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 100)}`;
}

const NS_12 = {
  xmlns: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
  'xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
  'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
  'xsi:schemaLocation':
    'http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd',
};

const NS_2004 = {
  xmlns: 'http://www.imsglobal.org/xsd/imscp_v1p1',
  'xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_v1p3',
  'xmlns:adlseq': 'http://www.adlnet.org/xsd/adlseq_v1p3',
  'xmlns:adlnav': 'http://www.adlnet.org/xsd/adlnav_v1p3',
  'xmlns:imsss': 'http://www.imsglobal.org/xsd/imsss',
  'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
  'xsi:schemaLocation':
    'http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd',
};

/** The package's `imsmanifest.xml`. */
export function scormManifest(pack: PackData, version: '1.2' | '2004'): string {
  const ns = version === '1.2' ? NS_12 : NS_2004;
  const attrs = Object.entries(ns)
    .map(([k, v]) => `\n  ${k}="${esc(v)}"`)
    .join('');
  const id = pack.id ?? pack.source.file;
  const title = esc(pack.title);
  const schemaVersion = version === '1.2' ? '1.2' : '2004 4th Edition';
  const scoType = version === '1.2' ? 'adlcp:scormtype="sco"' : 'adlcp:scormType="sco"';
  const visible = version === '1.2' ? ' isvisible="true"' : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${esc(xmlId('callflow', id))}" version="1"${attrs}>
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>${schemaVersion}</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>${title}</title>
      <item identifier="item" identifierref="page"${visible}>
        <title>${title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="page" type="webcontent" ${scoType} href="${SCORM_PAGE}">
      <file href="${SCORM_PAGE}"/>
    </resource>
  </resources>
</manifest>
`;
}

/** The zip: the manifest and the page. */
export function scormPackage(pack: PackData, page: string, version: '1.2' | '2004'): Uint8Array {
  const mtime = new Date(pack.source.exported);
  return zipSync(
    {
      'imsmanifest.xml': [strToU8(scormManifest(pack, version)), { mtime }],
      [SCORM_PAGE]: [strToU8(page), { mtime }],
    },
    { level: 9 },
  );
}
