// Public surface of the orgs feature for the app layer (src/app/routes).
export { AuditLogPanel } from './components/audit-log-panel';
export { InvitationsPanel } from './components/invitations-panel';
export { MembersPanel } from './components/members-panel';
export { OrgGeneralSettings } from './components/org-general-settings';
