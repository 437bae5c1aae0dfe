import { useEffect, useState, type HTMLAttributes, type ReactNode } from 'react';
import { Alert, Button, Card, Dropdown, Empty, Flex, Form, Input, Modal, Table, type FormInstance, type MenuProps, type TableColumnsType, type TableProps } from 'antd';
import { CloseOutlined, FilterOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { PageHeader } from './page-header';
import { useSavedFilters, type Filters, type ListQuery } from './list-query';
import { errorMessage } from './errors';
import { useT } from '../i18n';

export type ListPageProps<T, F extends Filters> = {
  title: string;
  subtitle?: ReactNode;
  /** Header buttons (e.g. "新建"). */
  extra?: ReactNode;
  list: ListQuery<T, F>;
  columns: TableColumnsType<T>;
  rowKey: (keyof T & string) | ((record: T) => string);
  /** Filter form items, each `<Form.Item name="<filter key>">`. Enter or 查询 applies them. */
  filters?: ReactNode;
  /** Map URL filters to form values and back when they differ (date ranges, numbers). */
  toForm?: (filters: Partial<F>) => Record<string, unknown>;
  fromForm?: (values: Record<string, unknown>) => Partial<F>;
  /** Pass your own instance to act on the filter form (e.g. `form.submit()` when a select changes). */
  form?: FormInstance;
  onRow?: (record: T) => HTMLAttributes<HTMLElement>;
  /** Extra Table props (expandable, rowSelection, summary…). */
  tableProps?: Omit<TableProps<T>, 'columns' | 'dataSource' | 'rowKey' | 'onChange' | 'pagination' | 'loading'>;
  emptyText?: ReactNode;
  /** Content between the filters and the table (an Alert, a chart). */
  children?: ReactNode;
};

function normalise(values: Record<string, unknown>): Filters {
  const out: Filters = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null) continue;
    const s = typeof v === 'string' ? v.trim() : String(v);
    if (s !== '') out[k] = s;
  }
  return out;
}

/**
 * The standard list screen: header, a filter form (URL-synced, with saved filters), and a
 * server-paginated, server-sorted table with loading, empty and error states.
 */
export function ListPage<T extends object, F extends Filters = Filters>(props: ListPageProps<T, F>) {
  const { title, subtitle, extra, list, columns, rowKey, filters, toForm, fromForm, onRow, tableProps, emptyText, children } = props;
  const t = useT();
  const [form] = Form.useForm(props.form);
  const filterKey = JSON.stringify(list.filters);
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toForm ? toForm(list.filters) : list.filters);
    // Re-run only when the URL filters change: toForm is a pure mapping, and listing it would
    // reset the form on every render of the page.
  }, [filterKey, form]);

  const apply = (values: Record<string, unknown>) => list.setFilters((fromForm ? fromForm(values) : normalise(values)) as Partial<F>);
  const { query } = list;

  return (
    <div>
      <PageHeader title={title} subtitle={subtitle} extra={extra} />
      {filters && (
        <Card variant="borderless" size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: 16 } }}>
          <Form form={form} layout="inline" onFinish={apply} aria-label={t('list.filters')} style={{ rowGap: 16 }}>
            {filters}
            <Form.Item>
              <Flex gap={8} wrap>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('common.search')}</Button>
                <Button onClick={() => list.resetFilters()}>{t('common.reset')}</Button>
                <SavedFiltersButton list={list} />
              </Flex>
            </Form.Item>
          </Form>
        </Card>
      )}
      {children}
      <Card variant="borderless" styles={{ body: { padding: 0 } }}>
        {query.isError && (
          <Alert
            type="error"
            showIcon
            style={{ margin: 16 }}
            title={t('list.loadFailed')}
            description={errorMessage(t, query.error)}
            action={<Button size="small" icon={<ReloadOutlined />} onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
          />
        )}
        <Table<T>
          size="middle"
          rowKey={rowKey}
          columns={columns}
          dataSource={list.items}
          loading={query.isFetching}
          onChange={list.onTableChange}
          onRow={onRow}
          scroll={{ x: 'max-content' }}
          pagination={{ ...list.pagination, showTotal: (total) => t('list.total', { total }), style: { marginInline: 16 } }}
          locale={{ emptyText: query.isPending ? ' ' : (emptyText ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noData')} />) }}
          {...tableProps}
        />
      </Card>
    </div>
  );
}

function SavedFiltersButton<T, F extends Filters>({ list }: { list: ListQuery<T, F> }) {
  const t = useT();
  const { saved, save, remove } = useSavedFilters(list.key);
  const [naming, setNaming] = useState(false);
  const [nameForm] = Form.useForm<{ name: string }>();
  const items: MenuProps['items'] = [
    ...(saved.length === 0
      ? [{ key: '__none', label: t('list.noSaved'), disabled: true }]
      : saved.map((s) => ({
          key: `saved:${s.name}`,
          label: (
            <Flex justify="space-between" align="center" gap={16}>
              <span>{s.name}</span>
              <Button
                type="text"
                size="small"
                icon={<CloseOutlined />}
                aria-label={t('list.deleteSaved', { name: s.name })}
                onClick={(e) => {
                  e.stopPropagation();
                  remove(s.name);
                }}
              />
            </Flex>
          ),
        }))),
    { type: 'divider' as const },
    { key: '__save', label: t('list.saveCurrent') },
  ];
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === '__save') {
              nameForm.resetFields();
              setNaming(true);
            } else if (key.startsWith('saved:')) {
              const found = saved.find((s) => `saved:${s.name}` === key);
              if (found) list.setFilters(found.filters as Partial<F>);
            }
          },
        }}
      >
        <Button icon={<FilterOutlined />}>{t('list.savedFilters')}</Button>
      </Dropdown>
      <Modal
        open={naming}
        title={t('list.saveCurrent')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onCancel={() => setNaming(false)}
        okButtonProps={{ htmlType: 'submit' }}
        destroyOnHidden
        modalRender={(dom) => (
          <Form
            form={nameForm}
            layout="vertical"
            onFinish={({ name }) => {
              save(name.trim(), list.filters as Filters);
              setNaming(false);
            }}
          >
            {dom}
          </Form>
        )}
      >
        <Form.Item name="name" label={t('list.saveName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input autoFocus maxLength={30} placeholder={t('list.saveNamePlaceholder')} />
        </Form.Item>
      </Modal>
    </>
  );
}
