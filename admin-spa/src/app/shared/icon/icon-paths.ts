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
  chevronLeft: 'M15.4 7.4L14 6l-6 6 6 6 1.4-1.4L10.8 12z',
  chevronRight: 'M8.6 7.4L10 6l6 6-6 6-1.4-1.4 4.6-4.6z',
  check: 'M9 16.2L4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z',
  close:
    'M6.4 5L12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z',
  group:
    'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2 19c0-2.8 3.1-5 7-5s7 2.2 7 5v1H2zM16 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm1 2.2c2.9.5 5 2 5 3.8v3h-4v-1c0-2.3-.4-4.2-1-5.8z',
  personAdd:
    'M10 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 20c0-3.3 3.6-6 8-6s8 2.7 8 6v1H2zM19 7h2v3h3v2h-3v3h-2v-3h-3v-2h3z',
  devices: 'M4 5h16v10H4zm2 2v6h12V7zM1 17h22v2H1z',
  mail: 'M3 5h18v14H3zm2 3v9h14V8l-7 4.5z',
  send: 'M3 20V4l19 8zm2-3l11.8-5L5 7v3.5l6 1.5-6 1.5z',
  delete: 'M9 3h6v2h5v2H4V5h5zM6 9h12l-1 12H7zm3 2v8h2v-8zm4 0v8h2v-8z',
  block:
    'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 2a8 8 0 0 1 6.3 12.9L7.1 5.7A8 8 0 0 1 12 4zM5.7 7.1l11.2 11.2A8 8 0 0 1 5.7 7.1z',
  swap: 'M7 4L3 8l4 4V9h11V7H7zm10 8v3H6v2h11v3l4-4z',
  visibility:
    'M12 5c5 0 9 4.5 10 7-1 2.5-5 7-10 7S3 14.5 2 12c1-2.5 5-7 10-7zm0 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8zm0 2a2 2 0 1 1 0 4 2 2 0 0 1 0-4z',
  history:
    'M13 3a9 9 0 0 0-9 9H1l4 4 4-4H6a7 7 0 1 1 2.1 5l-1.4 1.4A9 9 0 1 0 13 3zm-1 5v5.4l4.3 2.6.8-1.3-3.6-2.1V8z',
  download: 'M11 3h2v9.2l3.6-3.6L18 10l-6 6-6-6 1.4-1.4 3.6 3.6zM5 18h14v2H5z',
} as const;

/** The name of a Gatehouse icon. */
export type IconName = keyof typeof ICON_PATHS;
