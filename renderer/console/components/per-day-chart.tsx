import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const REGISTRATIONS_COLOUR = '#0b57d0';
const DUPLICATES_COLOUR = '#b3261e';

type Day = { label: string; registrations: number; duplicatesRefused: number };

/** The dashboard's 30-day bars: registrations beside duplicates refused, so a spike of refusals stands out. */
export default function PerDayChart({ data, registrations, duplicates }: { data: Day[]; registrations: string; duplicates: string }) {
  return (
    <ResponsiveContainer width="100%" height={300}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={16} />
        <YAxis allowDecimals={false} width={48} />
        <Tooltip />
        <Legend itemSorter={null} />
        <Bar dataKey="registrations" name={registrations} fill={REGISTRATIONS_COLOUR} isAnimationActive={false} />
        <Bar dataKey="duplicatesRefused" name={duplicates} fill={DUPLICATES_COLOUR} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
