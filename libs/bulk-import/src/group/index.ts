export {
  CLOSED_KEY_MEMORY,
  groupRows,
  MissingGroupKeyError,
  NonContiguousGroupError,
  type GroupOptions,
  type Grouping,
  type RowGroup,
} from './group-rows';
