export { startSmtpCapture, type SmtpCapture, type SmtpCaptureOptions } from './capture-server';
export { MessageStore, type CapturedMessage, type MessageFilter } from './message-store';
