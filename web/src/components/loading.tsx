import { Flex, Skeleton, Spin } from 'antd';

/** The whole-window spinner while the session loads. */
export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Placeholder while a lazy page or its first data loads. */
export function PageSkeleton() {
  return (
    <div style={{ padding: 8 }} aria-busy="true">
      <Skeleton.Input active style={{ width: 240, marginBottom: 24 }} />
      <Skeleton active paragraph={{ rows: 8 }} />
    </div>
  );
}
