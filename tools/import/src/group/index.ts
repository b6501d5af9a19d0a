export {
  CLOSED_KEY_MEMORY,
  groupRows,
  MissingGroupKeyError,
  NonContiguousGroupError,
  type Grouping,
  type RowGroup,
} from './group-rows';
