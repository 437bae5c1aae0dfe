// The ESM build: the CommonJS lib/ would hand Vite a module object instead of the component.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type FocusBar = { key: string; label: string; value: number };

/** Focus entities per criterion, a horizontal bar each; clicking a bar filters by it. */
export function FocusChart({ bars, onSelect }: { bars: FocusBar[]; onSelect?: (key: string) => void }) {
  const option = {
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.label), axisLabel: { width: 200, overflow: 'truncate' } },
    series: [{ type: 'bar', data: bars.map((b) => b.value), itemStyle: { color: '#fa541c' }, label: { show: true, position: 'right' }, barMaxWidth: 28 }],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      style={{ height: Math.max(120, bars.length * 44 + 24), width: '100%' }}
      notMerge
      onEvents={onSelect ? { click: (p: { dataIndex: number }) => { const b = bars[p.dataIndex]; if (b) onSelect(b.key); } } : undefined}
    />
  );
}
