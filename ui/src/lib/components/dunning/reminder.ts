// The reminder channels offered in the dunning dialog (stored as these keys; any other stored text is shown as is).
export const channelKeys = ['email', 'phone', 'letter', 'whatsapp', 'visit'] as const;
