// The notifications feature's messages in the four languages, side by side; ../../catalogue.ts adds
// them to the app's catalogue. Every language must have exactly the English keys (the type says so).

export const en = {
  // Badges and system notifications (muting a chat is in the chat feature's strings)
  'notify.title': 'Notifications',
  'notify.setting': 'Show notifications',
  'notify.settingHint':
    'New messages, contact requests and payments while Atrium is in the background. Muted chats stay quiet.',
  'notify.blocked':
    "This browser blocks notifications for Atrium. Allow them in the browser's site settings, then turn them on here.",
  'notify.unsupported': 'This browser cannot show notifications.',
  'notify.pushUnavailable': 'Push is not available in this browser: notifications show while Atrium is open in a tab.',
  'notify.pushOn': 'Also while Atrium is closed (Web Push).',
  'notify.mutedUnread': 'Unread messages in muted chats',
  'notify.requestsWaiting': '{count} contact requests waiting',
  'notify.contactRequest': 'Wants to add you as a contact',
  'notify.photo': 'Photo',
  'notify.voice': 'Voice message',
  'notify.video': 'Video',
  'notify.file': 'File',
  'notify.payment': 'Payment',
  'notify.newMessage': 'New message',
  'notify.wakeMessage': 'New message',
  'notify.wakeContactRequest': 'New contact request',
  'notify.wakeMiniAppNotice': 'New mini-program notification',
  'notify.wakePayment': 'Payment received',
} as const;

export type NotificationsKey = keyof typeof en;

export const de: Record<NotificationsKey, string> = {
  // Badges and system notifications (muting a chat is in the chat feature's strings)
  'notify.title': 'Benachrichtigungen',
  'notify.setting': 'Benachrichtigungen anzeigen',
  'notify.settingHint':
    'Neue Nachrichten, Kontaktanfragen und Zahlungen, während Atrium im Hintergrund ist. Stummgeschaltete Chats bleiben still.',
  'notify.blocked':
    'Dieser Browser blockiert Benachrichtigungen für Atrium. Erlaube sie in den Website-Einstellungen des Browsers und schalte sie dann hier ein.',
  'notify.unsupported': 'Dieser Browser kann keine Benachrichtigungen anzeigen.',
  'notify.pushUnavailable':
    'Push ist in diesem Browser nicht verfügbar: Benachrichtigungen erscheinen, solange Atrium in einem Tab offen ist.',
  'notify.pushOn': 'Auch wenn Atrium geschlossen ist (Web Push).',
  'notify.mutedUnread': 'Ungelesene Nachrichten in stummgeschalteten Chats',
  'notify.requestsWaiting': '{count} Kontaktanfragen warten',
  'notify.contactRequest': 'Möchte dich als Kontakt hinzufügen',
  'notify.photo': 'Foto',
  'notify.voice': 'Sprachnachricht',
  'notify.video': 'Video',
  'notify.file': 'Datei',
  'notify.payment': 'Zahlung',
  'notify.newMessage': 'Neue Nachricht',
  'notify.wakeMessage': 'Neue Nachricht',
  'notify.wakeContactRequest': 'Neue Kontaktanfrage',
  'notify.wakeMiniAppNotice': 'Neue Mini-Programm-Benachrichtigung',
  'notify.wakePayment': 'Zahlung erhalten',
};

export const fr: Record<NotificationsKey, string> = {
  // Badges and system notifications (muting a chat is in the chat feature's strings)
  'notify.title': 'Notifications',
  'notify.setting': 'Afficher les notifications',
  'notify.settingHint':
    "Nouveaux messages, demandes de contact et paiements pendant qu'Atrium est en arrière-plan. Les discussions en sourdine restent silencieuses.",
  'notify.blocked':
    "Ce navigateur bloque les notifications d'Atrium. Autorisez-les dans les paramètres du site du navigateur, puis activez-les ici.",
  'notify.unsupported': 'Ce navigateur ne peut pas afficher de notifications.',
  'notify.pushUnavailable':
    "Le push n'est pas disponible dans ce navigateur : les notifications s'affichent tant qu'Atrium est ouvert dans un onglet.",
  'notify.pushOn': 'Aussi quand Atrium est fermé (Web Push).',
  'notify.mutedUnread': 'Messages non lus dans des discussions en sourdine',
  'notify.requestsWaiting': '{count} demandes de contact en attente',
  'notify.contactRequest': 'Souhaite vous ajouter comme contact',
  'notify.photo': 'Photo',
  'notify.voice': 'Message vocal',
  'notify.video': 'Vidéo',
  'notify.file': 'Fichier',
  'notify.payment': 'Paiement',
  'notify.newMessage': 'Nouveau message',
  'notify.wakeMessage': 'Nouveau message',
  'notify.wakeContactRequest': 'Nouvelle demande de contact',
  'notify.wakeMiniAppNotice': 'Nouvelle notification d’un mini-programme',
  'notify.wakePayment': 'Paiement reçu',
};

export const zh: Record<NotificationsKey, string> = {
  // Badges and system notifications (muting a chat is in the chat feature's strings)
  'notify.title': '通知',
  'notify.setting': '显示通知',
  'notify.settingHint': 'Atrium 在后台时提醒新消息、联系人请求和付款。免打扰的聊天不会提醒。',
  'notify.blocked': '此浏览器已阻止 Atrium 的通知。请在浏览器的网站设置中允许通知，然后在这里开启。',
  'notify.unsupported': '此浏览器无法显示通知。',
  'notify.pushUnavailable': '此浏览器不支持推送：仅在 Atrium 标签页打开时显示通知。',
  'notify.pushOn': 'Atrium 关闭时也会提醒（Web Push）。',
  'notify.mutedUnread': '免打扰聊天中有未读消息',
  'notify.requestsWaiting': '{count} 个联系人请求待处理',
  'notify.contactRequest': '想添加你为联系人',
  'notify.photo': '图片',
  'notify.voice': '语音消息',
  'notify.video': '视频',
  'notify.file': '文件',
  'notify.payment': '付款',
  'notify.newMessage': '新消息',
  'notify.wakeMessage': '新消息',
  'notify.wakeContactRequest': '新的联系人请求',
  'notify.wakeMiniAppNotice': '新的小程序通知',
  'notify.wakePayment': '已收到付款',
};
