// The few icons the shell needs, inline so they cost no request.
const props = {
  width: 24,
  height: 24,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  'stroke-width': 1.8,
  'stroke-linecap': 'round',
  'stroke-linejoin': 'round',
  'aria-hidden': 'true',
} as const;

export const ChatsIcon = () => (
  <svg {...props}>
    <path d="M4 5h16v11H9l-5 4z" />
  </svg>
);
export const ContactsIcon = () => (
  <svg {...props}>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M2.5 20c.8-3.6 3.4-5.5 6.5-5.5s5.7 1.9 6.5 5.5" />
    <path d="M16 4.8a3.3 3.3 0 0 1 0 6.4M18 14.8c1.8.7 3 2.4 3.5 5.2" />
  </svg>
);
export const DiscoverIcon = () => (
  <svg {...props}>
    <circle cx="12" cy="12" r="9" />
    <path d="m15.5 8.5-2 5-5 2 2-5z" />
  </svg>
);
export const MeIcon = () => (
  <svg {...props}>
    <circle cx="12" cy="8" r="4" />
    <path d="M4 21c1-4.4 4.2-6.5 8-6.5s7 2.1 8 6.5" />
  </svg>
);
export const ChevronIcon = () => (
  <svg {...props} width={18} height={18}>
    <path d="m9 6 6 6-6 6" />
  </svg>
);
export const BackIcon = () => (
  <svg {...props}>
    <path d="m15 6-6 6 6 6" />
  </svg>
);
export const AttachIcon = () => (
  <svg {...props}>
    <path d="m20 11.5-7.8 7.8a5 5 0 0 1-7.1-7.1l8.2-8.2a3.3 3.3 0 0 1 4.7 4.7l-8.2 8.2a1.7 1.7 0 0 1-2.4-2.4l7.4-7.4" />
  </svg>
);
export const EmojiIcon = () => (
  <svg {...props}>
    <circle cx="12" cy="12" r="9" />
    <path d="M8.5 14.5a4.5 4.5 0 0 0 7 0M9 9.5h.01M15 9.5h.01" />
  </svg>
);
export const CloseIcon = () => (
  <svg {...props}>
    <path d="M6 6l12 12M18 6 6 18" />
  </svg>
);
export const PinIcon = () => (
  <svg {...props} width={16} height={16}>
    <path d="M9 4h6l-1 6 3 3H7l3-3zM12 13v7" />
  </svg>
);
export const BellOffIcon = () => (
  <svg {...props} width={16} height={16}>
    <path d="M9.5 20a2.6 2.6 0 0 0 5 0M6 8.5a6 6 0 0 1 9.6-4.8M18 10v4l2 3H7" />
    <path d="M6 11v3l-2 3h3M3 3l18 18" />
  </svg>
);
