// The account feature's messages in the four languages, side by side; ../../catalogue.ts adds
// them to the app's catalogue. Every language must have exactly the English keys (the type says so).

export const en = {
  'auth.loginTitle': 'Log in',
  'auth.registerTitle': 'Create your account',
  'auth.username': 'Username',
  'auth.usernameHint': '3–32 characters: a–z, 0–9, _ and .',
  'auth.password': 'Password',
  'auth.passwordHint': 'At least 10 characters.',
  'auth.displayName': 'Display name',
  'auth.inviteCode': 'Invite code',
  'auth.inviteCodeHint': 'You get it from whoever runs this server.',
  'auth.submitLogin': 'Log in',
  'auth.submitRegister': 'Create account',
  'auth.toRegister': 'New here? Create an account',
  'auth.toLogin': 'Already have an account? Log in',

  'me.title': 'Me',
  'me.username': 'Username: {username}',
  'me.displayName': 'Display name',
  'me.language': 'Language',
  'me.devices': 'Devices',
  'me.myCode': 'My code',
  'me.logout': 'Log out',
  'me.logoutWarning':
    'Logging out deletes this device’s chat history (chats: {chats}, messages: {messages}). The server has no readable copy. Back it up first.',
  'me.logoutBackup': 'Back up first',
  'me.logoutConfirm': 'Log out and delete {messages} messages from this device?',
  'me.privacy': 'Privacy',
  'me.readReceipts': 'Send read receipts',
  'me.readReceiptsHint': 'Others see when you have read their messages. Off: only your own devices know.',

  // account: change password, export my data, delete my account (Me → Account sheets)
  'account.title': 'Account',
  'account.password.open': 'Change password',
  'account.password.title': 'Change password',
  'account.password.explain':
    'All your other devices are logged out when the password changes; this one stays logged in.',
  'account.password.current': 'Current password',
  'account.password.new': 'New password (at least 10 characters)',
  'account.password.repeat': 'New password again',
  'account.password.submit': 'Change password',
  'account.password.changed': 'Your password is changed. Your other devices were logged out and need the new password.',
  'account.password.tooShort': 'The new password needs at least 10 characters.',
  'account.password.mismatch': 'The two new passwords are not the same.',
  'account.password.same': 'The new password is the same as the current one.',
  'account.export.open': 'Export my data',
  'account.delete.open': 'Delete my account',
  'account.delete.title': 'Delete your account?',
  'account.delete.erased': 'This erases for good:',
  'account.delete.erasedProfile': 'your username (someone else may take it), display name and password',
  'account.delete.erasedDevices':
    'all your devices: they are logged out, their keys and this device’s chats are deleted',
  'account.delete.erasedContacts': 'your contacts, contact requests, blocks and your code',
  'account.delete.erasedChats': 'your place in every chat and group',
  'account.delete.erasedFiles': 'the files and pictures you uploaded',
  'account.delete.erasedSettings': 'your notification settings, muted chats and bank top-up reference',
  'account.delete.kept': 'This stays:',
  'account.delete.keptLedger':
    'your wallet’s bookkeeping (payments, top-ups, withdrawals), as the law requires, under a number that no longer leads to you',
  'account.delete.keptShops': 'your shops’ records, closed and with their till keys revoked',
  'account.delete.keptMessages': 'the messages you sent, on the devices of the people who received them',
  'account.delete.moneyFirst': 'Your wallet and your shops must be empty first: withdraw or spend what they hold.',
  'account.delete.password': 'Your password',
  'account.delete.submit': 'Delete my account for good',
  'account.delete.done': 'Your account was deleted, and this device forgot its data.',
  'account.error.wrongPassword': 'The password is wrong.',
  'account.error.walletNotEmpty': 'Your wallet still holds money. Withdraw or spend it before deleting the account.',
  'account.error.withdrawalsOpen': 'Your withdrawals are still on their way. Wait until they are paid or failed.',
  'account.error.shopNotEmpty': 'A shop of yours still holds money. Pay it out before deleting the account.',

  'language.en': 'English',
  'language.de': 'Deutsch',
  'language.fr': 'Français',
  'language.zh': '中文',

  // Logging in with another device (the panel itself is the devices feature's).
  'link.loginWithDevice': 'Log in with another device',
} as const;

export type AccountKey = keyof typeof en;

export const de: Record<AccountKey, string> = {
  'auth.loginTitle': 'Anmelden',
  'auth.registerTitle': 'Konto erstellen',
  'auth.username': 'Benutzername',
  'auth.usernameHint': '3–32 Zeichen: a–z, 0–9, _ und .',
  'auth.password': 'Passwort',
  'auth.passwordHint': 'Mindestens 10 Zeichen.',
  'auth.displayName': 'Anzeigename',
  'auth.inviteCode': 'Einladungscode',
  'auth.inviteCodeHint': 'Du bekommst ihn von den Betreibern dieses Servers.',
  'auth.submitLogin': 'Anmelden',
  'auth.submitRegister': 'Konto erstellen',
  'auth.toRegister': 'Neu hier? Konto erstellen',
  'auth.toLogin': 'Schon ein Konto? Anmelden',

  'me.title': 'Ich',
  'me.username': 'Benutzername: {username}',
  'me.displayName': 'Anzeigename',
  'me.language': 'Sprache',
  'me.devices': 'Geräte',
  'me.myCode': 'Mein Code',
  'me.logout': 'Abmelden',
  'me.logoutWarning':
    'Beim Abmelden wird der Chatverlauf dieses Geräts gelöscht (Chats: {chats}, Nachrichten: {messages}). Der Server hat keine lesbare Kopie. Sichere ihn vorher.',
  'me.logoutBackup': 'Zuerst sichern',
  'me.logoutConfirm': 'Abmelden und {messages} Nachrichten von diesem Gerät löschen?',
  'me.privacy': 'Privatsphäre',
  'me.readReceipts': 'Lesebestätigungen senden',
  'me.readReceiptsHint':
    'Andere sehen, wann du ihre Nachrichten gelesen hast. Aus: Das wissen nur deine eigenen Geräte.',

  // account: change password, export my data, delete my account (Me → Account sheets)
  'account.title': 'Konto',
  'account.password.open': 'Passwort ändern',
  'account.password.title': 'Passwort ändern',
  'account.password.explain':
    'Alle anderen Geräte werden abgemeldet, wenn sich das Passwort ändert; dieses bleibt angemeldet.',
  'account.password.current': 'Aktuelles Passwort',
  'account.password.new': 'Neues Passwort (mindestens 10 Zeichen)',
  'account.password.repeat': 'Neues Passwort wiederholen',
  'account.password.submit': 'Passwort ändern',
  'account.password.changed':
    'Dein Passwort ist geändert. Deine anderen Geräte wurden abgemeldet und brauchen das neue Passwort.',
  'account.password.tooShort': 'Das neue Passwort braucht mindestens 10 Zeichen.',
  'account.password.mismatch': 'Die beiden neuen Passwörter sind nicht gleich.',
  'account.password.same': 'Das neue Passwort ist dasselbe wie das aktuelle.',
  'account.export.open': 'Meine Daten exportieren',
  'account.delete.open': 'Mein Konto löschen',
  'account.delete.title': 'Konto löschen?',
  'account.delete.erased': 'Endgültig gelöscht werden:',
  'account.delete.erasedProfile': 'dein Benutzername (jemand anderes kann ihn nehmen), Anzeigename und Passwort',
  'account.delete.erasedDevices':
    'alle deine Geräte: Sie werden abgemeldet, ihre Schlüssel und die Chats dieses Geräts gelöscht',
  'account.delete.erasedContacts': 'deine Kontakte, Kontaktanfragen, Blockierungen und dein Code',
  'account.delete.erasedChats': 'dein Platz in jedem Chat und jeder Gruppe',
  'account.delete.erasedFiles': 'die Dateien und Bilder, die du hochgeladen hast',
  'account.delete.erasedSettings':
    'deine Benachrichtigungseinstellungen, stummgeschalteten Chats und deine Referenz für Bankaufladungen',
  'account.delete.kept': 'Erhalten bleiben:',
  'account.delete.keptLedger':
    'die Buchungen deiner Geldbörse (Zahlungen, Aufladungen, Auszahlungen), wie es das Gesetz verlangt, unter einer Nummer, die nicht mehr zu dir führt',
  'account.delete.keptShops': 'die Unterlagen deiner Shops, geschlossen und mit gesperrten Kassenschlüsseln',
  'account.delete.keptMessages': 'die Nachrichten, die du gesendet hast, auf den Geräten ihrer Empfänger',
  'account.delete.moneyFirst':
    'Deine Geldbörse und deine Shops müssen zuerst leer sein: Zahle aus oder gib aus, was sie enthalten.',
  'account.delete.password': 'Dein Passwort',
  'account.delete.submit': 'Mein Konto endgültig löschen',
  'account.delete.done': 'Dein Konto wurde gelöscht, und dieses Gerät hat seine Daten vergessen.',
  'account.error.wrongPassword': 'Das Passwort ist falsch.',
  'account.error.walletNotEmpty':
    'In deiner Geldbörse ist noch Geld. Zahle es aus oder gib es aus, bevor du das Konto löschst.',
  'account.error.withdrawalsOpen':
    'Deine Auszahlungen sind noch unterwegs. Warte, bis sie ausgezahlt oder gescheitert sind.',
  'account.error.shopNotEmpty': 'Einer deiner Shops enthält noch Geld. Zahle es aus, bevor du das Konto löschst.',

  'language.en': 'English',
  'language.de': 'Deutsch',
  'language.fr': 'Français',
  'language.zh': '中文',

  // Logging in with another device (the panel itself is the devices feature's).
  'link.loginWithDevice': 'Mit einem anderen Gerät anmelden',
};

export const fr: Record<AccountKey, string> = {
  'auth.loginTitle': 'Se connecter',
  'auth.registerTitle': 'Créer votre compte',
  'auth.username': 'Nom d’utilisateur',
  'auth.usernameHint': '3 à 32 caractères : a–z, 0–9, _ et .',
  'auth.password': 'Mot de passe',
  'auth.passwordHint': 'Au moins 10 caractères.',
  'auth.displayName': 'Nom affiché',
  'auth.inviteCode': 'Code d’invitation',
  'auth.inviteCodeHint': 'Vous l’obtenez auprès de la personne qui gère ce serveur.',
  'auth.submitLogin': 'Se connecter',
  'auth.submitRegister': 'Créer le compte',
  'auth.toRegister': 'Nouveau ? Créer un compte',
  'auth.toLogin': 'Déjà un compte ? Se connecter',

  'me.title': 'Moi',
  'me.username': 'Nom d’utilisateur : {username}',
  'me.displayName': 'Nom affiché',
  'me.language': 'Langue',
  'me.devices': 'Appareils',
  'me.myCode': 'Mon code',
  'me.logout': 'Se déconnecter',
  'me.logoutWarning':
    'Se déconnecter supprime l’historique des discussions de cet appareil (discussions : {chats}, messages : {messages}). Le serveur n’en a aucune copie lisible. Sauvegardez-le d’abord.',
  'me.logoutBackup': 'Sauvegarder d’abord',
  'me.logoutConfirm': 'Se déconnecter et supprimer {messages} messages de cet appareil ?',
  'me.privacy': 'Confidentialité',
  'me.readReceipts': 'Envoyer les confirmations de lecture',
  'me.readReceiptsHint':
    'Les autres voient quand vous avez lu leurs messages. Désactivé : seuls vos appareils le savent.',

  // account: change password, export my data, delete my account (Me → Account sheets)
  'account.title': 'Compte',
  'account.password.open': 'Changer le mot de passe',
  'account.password.title': 'Changer le mot de passe',
  'account.password.explain':
    'Tous vos autres appareils sont déconnectés quand le mot de passe change ; celui-ci reste connecté.',
  'account.password.current': 'Mot de passe actuel',
  'account.password.new': 'Nouveau mot de passe (au moins 10 caractères)',
  'account.password.repeat': 'Nouveau mot de passe, à nouveau',
  'account.password.submit': 'Changer le mot de passe',
  'account.password.changed':
    'Votre mot de passe est changé. Vos autres appareils ont été déconnectés et ont besoin du nouveau mot de passe.',
  'account.password.tooShort': 'Le nouveau mot de passe doit avoir au moins 10 caractères.',
  'account.password.mismatch': 'Les deux nouveaux mots de passe ne sont pas identiques.',
  'account.password.same': 'Le nouveau mot de passe est identique à l’actuel.',
  'account.export.open': 'Exporter mes données',
  'account.delete.open': 'Supprimer mon compte',
  'account.delete.title': 'Supprimer votre compte ?',
  'account.delete.erased': 'Ceci efface définitivement :',
  'account.delete.erasedProfile':
    'votre nom d’utilisateur (quelqu’un d’autre pourra le prendre), votre nom affiché et votre mot de passe',
  'account.delete.erasedDevices':
    'tous vos appareils : ils sont déconnectés, leurs clés et les discussions de cet appareil sont supprimées',
  'account.delete.erasedContacts': 'vos contacts, demandes de contact, blocages et votre code',
  'account.delete.erasedChats': 'votre place dans chaque discussion et chaque groupe',
  'account.delete.erasedFiles': 'les fichiers et images que vous avez envoyés',
  'account.delete.erasedSettings':
    'vos réglages de notification, discussions en sourdine et votre référence de rechargement bancaire',
  'account.delete.kept': 'Ceci reste :',
  'account.delete.keptLedger':
    'la comptabilité de votre portefeuille (paiements, rechargements, retraits), comme la loi l’exige, sous un numéro qui ne mène plus à vous',
  'account.delete.keptShops': 'les dossiers de vos boutiques, fermées et avec leurs clés de caisse révoquées',
  'account.delete.keptMessages': 'les messages que vous avez envoyés, sur les appareils de leurs destinataires',
  'account.delete.moneyFirst':
    'Votre portefeuille et vos boutiques doivent d’abord être vides : retirez ou dépensez ce qu’ils contiennent.',
  'account.delete.password': 'Votre mot de passe',
  'account.delete.submit': 'Supprimer mon compte définitivement',
  'account.delete.done': 'Votre compte a été supprimé et cet appareil a oublié ses données.',
  'account.error.wrongPassword': 'Le mot de passe est incorrect.',
  'account.error.walletNotEmpty':
    'Votre portefeuille contient encore de l’argent. Retirez-le ou dépensez-le avant de supprimer le compte.',
  'account.error.withdrawalsOpen': 'Vos retraits sont encore en cours. Attendez qu’ils soient versés ou échoués.',
  'account.error.shopNotEmpty':
    'Une de vos boutiques contient encore de l’argent. Versez-le avant de supprimer le compte.',

  'language.en': 'English',
  'language.de': 'Deutsch',
  'language.fr': 'Français',
  'language.zh': '中文',

  // Logging in with another device (the panel itself is the devices feature's).
  'link.loginWithDevice': 'Se connecter avec un autre appareil',
};

export const zh: Record<AccountKey, string> = {
  'auth.loginTitle': '登录',
  'auth.registerTitle': '创建账号',
  'auth.username': '用户名',
  'auth.usernameHint': '3–32 个字符：a–z、0–9、_ 和 .',
  'auth.password': '密码',
  'auth.passwordHint': '至少 10 个字符。',
  'auth.displayName': '昵称',
  'auth.inviteCode': '邀请码',
  'auth.inviteCodeHint': '请向此服务器的管理员索取。',
  'auth.submitLogin': '登录',
  'auth.submitRegister': '创建账号',
  'auth.toRegister': '新用户？创建账号',
  'auth.toLogin': '已有账号？登录',

  'me.title': '我',
  'me.username': '用户名：{username}',
  'me.displayName': '昵称',
  'me.language': '语言',
  'me.devices': '登录设备',
  'me.myCode': '我的二维码',
  'me.logout': '退出登录',
  'me.logoutWarning':
    '退出登录会删除此设备上的聊天记录（聊天：{chats}，消息：{messages}）。服务器上没有可读的副本。请先备份。',
  'me.logoutBackup': '先备份',
  'me.logoutConfirm': '退出登录并从此设备删除 {messages} 条消息？',
  'me.privacy': '隐私',
  'me.readReceipts': '发送已读回执',
  'me.readReceiptsHint': '对方可以看到你已读他们的消息。关闭后只有你自己的设备知道。',

  // account: change password, export my data, delete my account (Me → Account sheets)
  'account.title': '账号',
  'account.password.open': '修改密码',
  'account.password.title': '修改密码',
  'account.password.explain': '修改密码后，你的其他设备都会退出登录；本设备保持登录。',
  'account.password.current': '当前密码',
  'account.password.new': '新密码（至少 10 个字符）',
  'account.password.repeat': '再次输入新密码',
  'account.password.submit': '修改密码',
  'account.password.changed': '密码已修改。你的其他设备已退出登录，需要用新密码重新登录。',
  'account.password.tooShort': '新密码至少需要 10 个字符。',
  'account.password.mismatch': '两次输入的新密码不一致。',
  'account.password.same': '新密码与当前密码相同。',
  'account.export.open': '导出我的数据',
  'account.delete.open': '注销账号',
  'account.delete.title': '注销你的账号？',
  'account.delete.erased': '以下内容将被永久删除：',
  'account.delete.erasedProfile': '你的用户名（其他人可以使用）、昵称和密码',
  'account.delete.erasedDevices': '你的所有设备：全部退出登录，删除其密钥以及本设备上的聊天记录',
  'account.delete.erasedContacts': '你的联系人、好友请求、黑名单和你的二维码',
  'account.delete.erasedChats': '你在每个聊天和群里的成员身份',
  'account.delete.erasedFiles': '你上传的文件和图片',
  'account.delete.erasedSettings': '你的通知设置、免打扰的聊天和银行充值参考号',
  'account.delete.kept': '以下内容会保留：',
  'account.delete.keptLedger': '按照法律要求，钱包的账目（付款、充值、提现）会保留，但所用编号不再指向你',
  'account.delete.keptShops': '你的店铺记录，店铺已关闭，收银密钥已作废',
  'account.delete.keptMessages': '你发出的消息，保留在收到它们的人的设备上',
  'account.delete.moneyFirst': '你的钱包和店铺必须先清空：请提现或花掉其中的钱。',
  'account.delete.password': '你的密码',
  'account.delete.submit': '永久注销我的账号',
  'account.delete.done': '你的账号已注销，本设备已清除其数据。',
  'account.error.wrongPassword': '密码错误。',
  'account.error.walletNotEmpty': '你的钱包里还有钱。注销账号前请先提现或花掉。',
  'account.error.withdrawalsOpen': '你的提现仍在处理中。请等到它们到账或失败。',
  'account.error.shopNotEmpty': '你的某个店铺里还有钱。注销账号前请先结算。',

  'language.en': 'English',
  'language.de': 'Deutsch',
  'language.fr': 'Français',
  'language.zh': '中文',

  // Logging in with another device (the panel itself is the devices feature's).
  'link.loginWithDevice': '用其他设备登录',
};
