// ECharts lives in the scan pages only (their own chunk).
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { GRADE_COLORS, type GradeDistribution } from './types';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type GradeChartProps = {
  data: GradeDistribution;
  labels: { unreachable: string; zombie: string };
  /** Accessible name (the card title). */
  label: string;
  onSelect?: (grade: string | null, siteStatus: string | null) => void;
};

/** Sites per grade (A+ … F, T), then the statuses that replace a grade (unreachable, zombie). */
export function GradeChart({ data, labels, label, onSelect }: GradeChartProps) {
  const bars = [
    ...data.grades.map((g) => ({ key: g.grade, label: g.grade, value: g.n, color: GRADE_COLORS[g.grade] ?? '#8c8c8c', grade: g.grade, status: null as string | null })),
    { key: 'unreachable', label: labels.unreachable, value: data.unreachable, color: '#8c8c8c', grade: null, status: 'unreachable' },
    { key: 'zombie', label: labels.zombie, value: data.zombie, color: '#595959', grade: null, status: 'zombie' },
  ];
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: bars.map((b) => b.label), axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{
      type: 'bar', barMaxWidth: 28, label: { show: true, position: 'top', fontSize: 11 },
      data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.color, borderRadius: [3, 3, 0, 0] } })),
    }],
  };
  return (
    <div role="img" aria-label={label}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        style={{ height: 240, width: '100%' }}
        notMerge
        onEvents={onSelect ? { click: (p: { dataIndex: number }) => {
          const b = bars[p.dataIndex];
          if (b) onSelect(b.grade, b.status);
        } } : undefined}
      />
    </div>
  );
}
