/**
 * Icon shapes drawn for Gatehouse on a 24×24 grid (filled, even-odd). Inline SVG keeps the app
 * offline and CSP-friendly: no icon font, no CDN.
 */
export const ICON_PATHS = {
  logo: 'M4 21V9.5L12 3l8 6.5V21h-5.5v-6h-5v6z',
  menu: 'M3 6h18v2H3zM3 11h18v2H3zM3 16h18v2H3z',
  dashboard: 'M3 3h8v10H3zM13 3h8v6h-8zM13 11h8v10h-8zM3 15h8v6H3z',
  person: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 20c0-3.3 3.6-6 8-6s8 2.7 8 6v1H4z',
  admin:
    'M12 2l8 3v6c0 5-3.4 9.4-8 11-4.6-1.6-8-6-8-11V5zm-1 13.2l5.6-5.6-1.4-1.4-4.2 4.2-2-2-1.4 1.4z',
  logout: 'M5 3h8v2H7v14h6v2H5zM16 7l5 5-5 5v-3.5h-6v-3h6z',
  login: 'M11 3h8v18h-8v-2h6V5h-6zM10 7l5 5-5 5v-3.5H3v-3h7z',
  warning: 'M12 2L1 21h22zM11 9h2v6h-2zM11 17h2v2h-2z',
  refresh:
    'M12 4a8 8 0 1 0 7.7 10h-2.1A6 6 0 1 1 12 6c1.6 0 3.1.7 4.2 1.8L13 11h7V4l-2.4 2.4A8 8 0 0 0 12 4z',
  lock: 'M7 10V7a5 5 0 0 1 10 0v3h2v12H5V10zm2 0h6V7a3 3 0 0 0-6 0z',
  clock:
    'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16zM11 6h2v5.4l3.6 2.2-1 1.7L11 12.6z',
  search:
    'M10 3a7 7 0 0 1 5.6 11.2l5.6 5.6-1.4 1.4-5.6-5.6A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10z',
  verified: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm-1.5 14.5L6 12l1.4-1.4 3.1 3.1 6.1-6.1L18 9z',
  organization:
    'M3 21V5l7-2v4l11 3v11zm2-2h4v-2H5zm0-4h4v-2H5zm0-4h4V9H5zm6 8h8v-2h-8zm0-4h8v-2h-8z',
  key: 'M7 10a5 5 0 0 1 9.6-2H22v4h-2v3h-3v-3h-.4A5 5 0 0 1 7 10zm5 0a2 2 0 1 0-4 0 2 2 0 0 0 4 0z',
  chevronDown: 'M7 9l5 5 5-5 1.4 1.4L12 16.8l-6.4-6.4z',
} as const;

/** The name of a Gatehouse icon. */
export type IconName = keyof typeof ICON_PATHS;
