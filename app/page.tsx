import { DesignView } from '../components/design-view';
import { OpenDemoAsDesign } from '../components/hosts/open-demo-as-design';
import { createCaller } from '../server/routers/app';
import { createContext } from '../server/trpc';

export default async function HomePage() {
  const { topology, problems } = await createCaller(createContext()).validation.demo();
  return <DesignView topology={topology} problems={problems} actions={<OpenDemoAsDesign topology={topology} />} />;
}
