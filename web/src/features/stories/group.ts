import type { Story, StoryStatus } from './api/stories-api';

export const statusOrder: StoryStatus[] = ['todo', 'in_progress', 'done'];
export const statusNames: Record<StoryStatus, string> = { todo: 'To do', in_progress: 'In progress', done: 'Done' };
export const priorityNames: Record<string, string> = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };
const priorityRank: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export interface StoryGroup {
  status: StoryStatus;
  label: string;
  stories: Story[];
  points: number;
}

/** Stories grouped by status (To do, In progress, Done), highest priority first, then oldest first. */
export function groupByStatus(stories: Story[]): StoryGroup[] {
  return statusOrder.map((status) => {
    const inGroup = stories
      .filter((s) => s.status === status)
      .sort((a, b) => (priorityRank[a.priority] ?? 9) - (priorityRank[b.priority] ?? 9) || a.created_at.localeCompare(b.created_at));
    return { status, label: statusNames[status], stories: inGroup, points: inGroup.reduce((n, s) => n + (s.points ?? 0), 0) };
  });
}
