// ECharts lives in this module only, loaded lazily by the dashboard (its own chunk).
// The ESM build: the CommonJS lib/ would hand Vite a module object instead of the component.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartItem = { label: string; value: number; color?: string };
export type StatsChartProps = {
  kind: 'pie' | 'bar' | 'hbar';
  items: ChartItem[];
  /** Called with the index of the clicked slice or bar. */
  onSelect?: (index: number) => void;
  height?: number;
  /** Accessible name of the chart (its card title). */
  label: string;
};

const palette = ['#1677ff', '#13c2c2', '#52c41a', '#faad14', '#722ed1', '#eb2f96', '#fa8c16', '#2f54eb', '#a0d911', '#8c8c8c', '#fa541c'];

function optionFor(kind: StatsChartProps['kind'], items: ChartItem[]) {
  const tooltip = { trigger: kind === 'pie' ? 'item' : 'axis', axisPointer: { type: 'shadow' }, confine: true };
  if (kind === 'pie') {
    return {
      color: palette,
      tooltip: { ...tooltip, formatter: '{b}: {c} ({d}%)' },
      // Legend on the right with the counts: readable with eleven slices, where outside labels collide.
      legend: {
        type: 'scroll', orient: 'vertical', right: 0, top: 'middle', icon: 'circle', itemWidth: 8, itemHeight: 8, itemGap: 6,
        textStyle: { fontSize: 11 }, formatter: (name: string) => `${name}  ${items.find((i) => i.label === name)?.value ?? ''}`,
      },
      series: [{
        type: 'pie', radius: ['40%', '70%'], center: ['30%', '50%'], avoidLabelOverlap: true,
        label: { show: false },
        data: items.map((i) => ({ name: i.label, value: i.value, ...(i.color ? { itemStyle: { color: i.color } } : {}) })),
      }],
    };
  }
  const category = { type: 'category', data: items.map((i) => i.label), axisLabel: { interval: 0, width: kind === 'hbar' ? 110 : 64, overflow: 'truncate', fontSize: 11 } };
  const value = { type: 'value', minInterval: 1 };
  return {
    tooltip,
    grid: { left: 8, right: 36, top: 12, bottom: 8, containLabel: true },
    xAxis: kind === 'hbar' ? value : category,
    yAxis: kind === 'hbar' ? { ...category, inverse: true } : value,
    series: [{
      type: 'bar', barMaxWidth: 26, label: { show: true, position: kind === 'hbar' ? 'right' : 'top', fontSize: 11 },
      data: items.map((i, n) => ({ value: i.value, itemStyle: { color: i.color ?? palette[n % palette.length], borderRadius: kind === 'hbar' ? [0, 3, 3, 0] : [3, 3, 0, 0] } })),
    }],
  };
}

/** A pie or bar chart of counts; clicking a slice or bar reports its index. */
export function StatsChart({ kind, items, onSelect, height, label }: StatsChartProps) {
  const h = height ?? (kind === 'hbar' ? Math.max(140, items.length * 32 + 32) : 240);
  return (
    <div role="img" aria-label={label}>
      <ReactEChartsCore
        echarts={echarts}
        option={optionFor(kind, items)}
        style={{ height: h, width: '100%', cursor: onSelect ? 'pointer' : undefined }}
        notMerge
        onEvents={onSelect ? { click: (p: { dataIndex: number }) => onSelect(p.dataIndex) } : undefined}
      />
    </div>
  );
}
