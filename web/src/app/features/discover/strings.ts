// The discover feature's messages in the four languages, side by side; ../../catalogue.ts adds
// them to the app's catalogue. Every language must have exactly the English keys (the type says so).

export const en = {
  'discover.title': 'Discover',
  'discover.moments': 'Moments',
  'discover.miniPrograms': 'Mini-programs',
  'discover.scan': 'Scan',
  // discoverScan: Discover → Scan, which reads every Atrium code
  'discoverScan.explain':
    'Scan a contact’s code, a new device’s login code, a shop’s payment code or a safety number code.',
  'discoverScan.camera': 'Scan with the camera',
  'discoverScan.notAtrium': 'This is not an Atrium code.',
  'discoverScan.safetyOtherPeople': 'This safety number code belongs to two other people, not to you.',
} as const;

export type DiscoverKey = keyof typeof en;

export const de: Record<DiscoverKey, string> = {
  'discover.title': 'Entdecken',
  'discover.moments': 'Momente',
  'discover.miniPrograms': 'Miniprogramme',
  'discover.scan': 'Scannen',
  // discoverScan: Discover → Scan, which reads every Atrium code
  'discoverScan.explain':
    'Scanne den Code eines Kontakts, den Anmeldecode eines neuen Geräts, den Zahlungscode eines Shops oder einen Sicherheitsnummern-Code.',
  'discoverScan.camera': 'Mit der Kamera scannen',
  'discoverScan.notAtrium': 'Das ist kein Atrium-Code.',
  'discoverScan.safetyOtherPeople': 'Dieser Sicherheitsnummern-Code gehört zwei anderen Personen, nicht dir.',
};

export const fr: Record<DiscoverKey, string> = {
  'discover.title': 'Découvrir',
  'discover.moments': 'Moments',
  'discover.miniPrograms': 'Mini-programmes',
  'discover.scan': 'Scanner',
  // discoverScan: Discover → Scan, which reads every Atrium code
  'discoverScan.explain':
    'Scannez le code d’un contact, le code de connexion d’un nouvel appareil, le code de paiement d’une boutique ou un code de numéro de sécurité.',
  'discoverScan.camera': 'Scanner avec la caméra',
  'discoverScan.notAtrium': 'Ce n’est pas un code Atrium.',
  'discoverScan.safetyOtherPeople': 'Ce code de numéro de sécurité appartient à deux autres personnes, pas à vous.',
};

export const zh: Record<DiscoverKey, string> = {
  'discover.title': '发现',
  'discover.moments': '朋友圈',
  'discover.miniPrograms': '小程序',
  'discover.scan': '扫一扫',
  // discoverScan: Discover → Scan, which reads every Atrium code
  'discoverScan.explain': '扫描联系人的二维码、新设备的登录码、店铺的收款码或安全码。',
  'discoverScan.camera': '用相机扫描',
  'discoverScan.notAtrium': '这不是 Atrium 的二维码。',
  'discoverScan.safetyOtherPeople': '这个安全码属于另外两个人，而不是你。',
};
