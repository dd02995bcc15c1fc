// Public surface of the collaboration feature (comments, reviews and
// notifications) for the app layer (src/app).
export { DocumentComments, type DocSection, type DocumentCommentsProps } from './components/comments-context';
export { CommentsSidebar } from './components/comments-sidebar';
export { SectionCommentButton } from './components/section-comment-button';
export { SelectionCommentButton } from './components/selection-comment';
export { ReviewPanel, type ReviewPanelProps } from './components/review-panel';
export { useReviews } from './api/reviews-api';
export { NotificationBell } from './components/notification-bell';
export { NotificationSettings } from './components/notification-settings';
export { ReviewSettings } from './components/review-settings';
import './collaboration.css';
