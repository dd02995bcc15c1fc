// Main navigation. Features add their top-level pages here (app layer only).
export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
  /** Shown only to server administrators (`user.is_admin` of /auth/me). */
  adminOnly?: boolean;
}

export const navItems: NavItem[] = [
  { to: '/projects', label: 'Projects' },
  { to: '/usage', label: 'Usage' },
  { to: '/org', label: 'Organization' },
  { to: '/admin', label: 'Server admin', adminOnly: true },
];
