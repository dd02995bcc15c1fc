// The organization settings tab of this feature (the app layer mounts it at /org/ai).
export const aiSettingsPath = '/org/ai';
