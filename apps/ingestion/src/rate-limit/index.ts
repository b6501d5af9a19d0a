export { RateLimiter } from './rate-limiter';
export { TokenBucket, type Clock, type RateLimit, type TakeResult } from './token-bucket';
