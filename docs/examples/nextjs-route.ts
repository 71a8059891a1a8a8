// app/api/v1/[...path]/route.ts
import { handler } from './your-host.js' // basePath '/api/v1'

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE }
